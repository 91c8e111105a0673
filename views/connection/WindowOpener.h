#pragma once

#include <QString>

#include "models/connection/DatabaseUrl.h"

class ConnectionDialog;
class ConnectionProfiles;
class MainWindow;
class PasswordStore;
class QWidget;

// Opens databases in windows of their own: File ▸ Open Database… shows the connection dialog,
// and the chosen database opens in a new MainWindow on a connection of its own, which the
// window closes again when it is closed.
namespace WindowOpener {

// The connection dialog for the window `from` (on `fromUrl`, which is recorded as recent).
// Open replaces `from` by the new window; Open in New Window keeps both.
ConnectionDialog* showConnectionDialog(QWidget* from, const DatabaseUrl& fromUrl);

// A new window on `url` (password included), shown; null with *error (one line) and *detail
// (the driver's whole text, if given) when it cannot open.
MainWindow* openWindow(const DatabaseUrl& url, QString* error, QString* detail = nullptr);

// The profiles file and password store the dialog uses: by default connections.ini in the
// config folder and the system keychain (or memory). Tests put their own here; the caller
// keeps ownership, and null restores the default.
void useStores(ConnectionProfiles* profiles, PasswordStore* passwords);

} // namespace WindowOpener
