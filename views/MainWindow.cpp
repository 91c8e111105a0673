#include "MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>

#include "migrations/MigrationEngine.h"
#include "models/CommentsModel.h"
#include "models/PostsModel.h"
#include "models/TagsModel.h"
#include "models/UsersModel.h"
#include "views/TableFilters.h"
#include "views/TablePage.h"

MainWindow::MainWindow(const QSqlDatabase& db, const DatabaseUrl& url, QWidget* parent)
    : QMainWindow(parent), m_db(db), m_url(url), m_tabs(new QTabWidget(this)),
      m_databaseLabel(new QLabel(this)), m_revisionLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("%1 — BlogDesk").arg(url.displayName()));
    m_tabs->setObjectName(QStringLiteral("pageTabs"));
    m_tabs->setAccessibleName(tr("Tables"));
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);

    m_databaseLabel->setObjectName(QStringLiteral("databaseLabel"));
    m_databaseLabel->setText(tr("Database: %1").arg(url.toString(true)));
    m_databaseLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_revisionLabel->setObjectName(QStringLiteral("revisionLabel"));
    statusBar()->addWidget(m_databaseLabel, 1);
    statusBar()->addPermanentWidget(m_revisionLabel);

    createPages();
    createActions();
    reload();
    resize(1100, 680);
}

void MainWindow::createPages()
{
    m_tabs->addTab(new TablePage(QStringLiteral("users"), tr("Users"), new UsersModel(m_db),
                                 TableFilters::users()),
                   tr("&Users"));
    m_tabs->addTab(new TablePage(QStringLiteral("posts"), tr("Posts"), new PostsModel(m_db),
                                 TableFilters::posts()),
                   tr("&Posts"));
    m_tabs->addTab(new TablePage(QStringLiteral("tags"), tr("Tags"), new TagsModel(m_db),
                                 TableFilters::tags()),
                   tr("&Tags"));
    m_tabs->addTab(new TablePage(QStringLiteral("comments"), tr("Comments"),
                                 new CommentsModel(m_db), TableFilters::comments()),
                   tr("&Comments"));
}

void MainWindow::createActions()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* refresh = fileMenu->addAction(tr("&Reload"), this, &MainWindow::reload);
    refresh->setObjectName(QStringLiteral("actionReload"));
    refresh->setShortcut(QKeySequence::Refresh);
    fileMenu->addSeparator();
    QAction* quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* about = helpMenu->addAction(tr("&About BlogDesk"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
}

TablePage* MainWindow::page(const QString& name) const
{
    return findChild<TablePage*>(name + QStringLiteral("Page"));
}

void MainWindow::reload()
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        static_cast<TablePage*>(m_tabs->widget(i))->reload();
    }
    updateRevision();
}

void MainWindow::updateRevision()
{
    MigrationHistory history;
    QString error;
    if (!history.loadBuiltIn(&error)) {
        m_revisionLabel->setText(tr("Migrations unreadable: %1").arg(error));
        return;
    }
    MigrationEngine engine(m_db, history);
    if (!engine.refresh(&error)) {
        m_revisionLabel->setText(tr("Revision unknown: %1").arg(error));
        return;
    }
    QString text;
    if (engine.currentIndex() < 0) {
        text = tr("Revision: none (schema not managed by BlogDesk)");
    } else if (engine.isAtHead()) {
        text = tr("Revision: %1 (head)").arg(engine.currentRevision());
    } else {
        text = tr("Revision: %1 (head is %2)").arg(engine.currentRevision(), history.head());
    }
    if (!engine.alembicRevision().isEmpty()) {
        text += engine.alembicIsForeign()
                    ? tr(" · Flask-Migrate: %1 (another history)").arg(engine.alembicRevision())
                    : tr(" · Flask-Migrate: %1").arg(engine.alembicRevision());
    }
    m_revisionLabel->setText(text);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About BlogDesk"),
                       tr("<b>BlogDesk %1</b><p>Browse and edit the database of a "
                          "Flask-SQLAlchemy blog: users, profiles, posts, tags and comment "
                          "threads, on SQLite, PostgreSQL or MySQL.</p>")
                           .arg(QStringLiteral(BLOGDESK_VERSION)));
}
