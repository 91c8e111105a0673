#pragma once

#include <QString>

// The percent-escapes of a database URL. Python's unquote, which SQLAlchemy uses, keeps a '%'
// that does not start a %XX escape as it is; BlogDesk refuses such a URL instead, since it is
// almost always a password or name typed without escaping its '%' (write it as %25).
namespace UrlEscapes {

enum class Part
{
    UserName,
    Password,
    Host,
    Database,
    Query,
};

// False, with a one-line *error naming the part, when `text` (a part of the URL as written)
// holds a '%' not followed by two hex digits. The password itself is never quoted.
bool check(Part part, const QString& text, QString* error);

} // namespace UrlEscapes
