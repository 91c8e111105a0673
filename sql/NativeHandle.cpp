#include "NativeHandle.h"

#include <QSqlDriver>
#include <QVariant>

namespace {

// Qt hands the handle over as a QVariant whose type name is the C type's ("sqlite3*").
void* handleOfType(const QSqlDatabase& db, const char* typeName)
{
    if (!db.isOpen()) {
        return nullptr;
    }
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), typeName) != 0) {
        return nullptr;
    }
    return *static_cast<void* const*>(handle.data());
}

} // namespace

namespace NativeHandle {

sqlite3* sqlite(const QSqlDatabase& db)
{
    return static_cast<sqlite3*>(handleOfType(db, "sqlite3*"));
}

pg_conn* postgres(const QSqlDatabase& db)
{
    // QPSQL declares the handle by its struct's name.
    void* handle = handleOfType(db, "pg_conn*");
    return static_cast<pg_conn*>(handle != nullptr ? handle : handleOfType(db, "PGconn*"));
}

} // namespace NativeHandle
