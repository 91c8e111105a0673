#pragma once

#include <QSqlQuery>
#include <QString>
#include <QVariantList>

// The one way a statement with values runs: prepared (forward only, read once), the values
// bound in order, executed. False when a step fails, the driver's reason in query.lastError().
namespace BoundQuery {

bool exec(QSqlQuery& query, const QString& statement, const QVariantList& values = {});

} // namespace BoundQuery
