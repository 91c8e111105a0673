#include "FailureBox.h"

#include "models/connection/DriverText.h"

namespace FailureBox {

std::unique_ptr<QMessageBox> create(QMessageBox::Icon icon, const QString& title,
                                    const QString& message, const QString& detail, QWidget* parent)
{
    const QString line = DriverText::oneLine(message);
    auto box = std::make_unique<QMessageBox>(icon, title, line, QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("failureBox"));
    QStringList more;
    for (const QString& text : {message, detail}) {
        if (!text.trimmed().isEmpty() && text.simplified() != line) {
            more << text.trimmed();
        }
    }
    if (!more.isEmpty()) {
        box->setDetailedText(more.join(QLatin1String("\n\n")));
    }
    return box;
}

void exec(QMessageBox::Icon icon, const QString& title, const QString& message,
          const QString& detail, QWidget* parent)
{
    create(icon, title, message, detail, parent)->exec();
}

} // namespace FailureBox
