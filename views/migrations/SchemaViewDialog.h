#pragma once

#include <QDialog>

#include "models/schema/MigrationWorker.h"

class QLabel;
class QListWidget;
class QTreeWidget;

// The live schema beside what the current revision says it should be, differences marked in
// both trees and listed below them (drift: a column added by hand, an index dropped, ...).
class SchemaViewDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SchemaViewDialog(QWidget* parent = nullptr);

    void showComparison(const SchemaComparison& comparison, const QString& revisionName);

private:
    void fillTree(QTreeWidget* tree, const SchemaSnapshot& schema,
                  const QList<SchemaDifference>& differences);

    QLabel* m_summary;
    QTreeWidget* m_expected;
    QTreeWidget* m_live;
    QListWidget* m_differences;
};
