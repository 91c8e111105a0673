#pragma once

#include <QMessageBox>
#include <QString>

#include <memory>

// A failure as BlogDesk's message boxes show it: one line, and what the database driver said
// in full behind the box's "Show Details…" button.
namespace FailureBox {

// The box, not yet shown (objectName "failureBox"). No details button when `detail` is empty
// or says nothing more than the line.
std::unique_ptr<QMessageBox> create(QMessageBox::Icon icon, const QString& title,
                                    const QString& message, const QString& detail, QWidget* parent);

// Shows it and waits until it is closed.
void exec(QMessageBox::Icon icon, const QString& title, const QString& message,
          const QString& detail, QWidget* parent);

} // namespace FailureBox
