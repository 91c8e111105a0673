#include "SampleVocabulary.h"

namespace {

QStringList words(std::initializer_list<const char*> utf8)
{
    QStringList list;
    for (const char* word : utf8) {
        list << QString::fromUtf8(word);
    }
    return list;
}

SampleLanguage english()
{
    return {QStringLiteral("en"),
            55,
            true,
            words({"Getting started with", "A closer look at", "Five lessons from", "Debugging",
                   "Scaling", "Why we rewrote", "Notes on", "Testing", "The hidden cost of",
                   "What nobody tells you about"}),
            words({"Flask blueprints", "SQLAlchemy relationships", "database migrations",
                   "comment threads", "soft deletes", "connection pools", "bulk updates",
                   "eager loading", "keyset pagination", "full-text search", "time zones",
                   "password hashing"}),
            words({"We started with a single SQLite file and it served us well for years.",
                   "The ORM hides the SQL, but the query log tells the real story.",
                   "An index on the foreign key turned a slow page into a fast one.",
                   "Every migration ran in a transaction, so a failure left nothing behind.",
                   "Eager loading removed the N+1 queries from the post list.",
                   "Soft deletes keep the history, at the price of a filter everywhere.",
                   "Pagination by key stays fast on the millionth page.",
                   "Our readers asked for threaded comments, so we added parent ids.",
                   "Timestamps are stored in UTC and shown in the reader's time zone.",
                   "The test suite creates a fresh database for every test."}),
            words({"Great write-up, thanks!", "How does this behave on PostgreSQL?",
                   "I ran into the same problem last week.",
                   "Could you share the migration script?", "This saved me an afternoon.",
                   "I disagree: the extra join costs more than it saves.",
                   "Good point, I had not thought of that.",
                   "Which version of Flask-SQLAlchemy is this?"}),
            words({"Writes about %1.", "Backend developer, mostly %1.", "Learning %1 in public."}),
            words({"Berlin", "Lisbon", "Toronto", "Osaka", "Nairobi", "Melbourne"})};
}

SampleLanguage german()
{
    return {QStringLiteral("de"),
            7,
            true,
            words({"Erste Schritte mit", "Ein genauerer Blick auf", "Fünf Lektionen über"}),
            words({"Datenbankmigrationen", "Flask-Blueprints", "Kommentarbäume", "Indizes"}),
            words({"Die Abfrage lief plötzlich zehnmal schneller.",
                   "Größere Transaktionen sparen überraschend viel Zeit.",
                   "Äußerst wichtig ist ein Index auf dem Fremdschlüssel."}),
            words({"Danke, sehr hilfreich!", "Läuft das auch unter MariaDB?",
                   "Genau dieses Problem hatte ich gestern."}),
            words({"Schreibt über %1.", "Entwicklerin aus Überzeugung, Thema: %1."}),
            words({"München", "Zürich", "Köln"})};
}

SampleLanguage french()
{
    return {QStringLiteral("fr"),
            6,
            true,
            words({"Bien débuter avec", "Un regard neuf sur", "Ce que j'ai appris sur"}),
            words({"les migrations", "les fils de commentaires", "la pagination", "les index"}),
            words({"La requête est devenue dix fois plus rapide.",
                   "Chaque migration s'exécute dans une transaction.",
                   "Les dates sont stockées en UTC, c'est plus sûr."}),
            words({"Merci, très clair !", "Ça marche aussi avec PostgreSQL ?",
                   "J'ai eu exactement le même souci."}),
            words({"Écrit sur %1.", "Développeuse passionnée par %1."}),
            words({"Montréal", "Genève", "Besançon"})};
}

SampleLanguage spanish()
{
    return {QStringLiteral("es"),
            6,
            true,
            words({"Primeros pasos con", "Una mirada a", "Lecciones aprendidas con"}),
            words({"las migraciones", "la paginación", "los índices", "los comentarios anidados"}),
            words({"La consulta tardaba demasiado hasta que añadimos un índice.",
                   "Migrar la base de datos fue más fácil de lo esperado.",
                   "¿Por qué nadie habla de las zonas horarias?"}),
            words({"¡Gracias por compartir!", "¿Funciona también con SQLite?",
                   "Me pasó lo mismo ayer."}),
            words({"Escribe sobre %1.", "Desarrollador en España; le interesa %1."}),
            words({"Málaga", "Córdoba", "Bogotá"})};
}

SampleLanguage russian()
{
    return {QStringLiteral("ru"),
            7,
            true,
            words({"Знакомство с", "Работа с", "Что не так с"}),
            words({"миграциями базы данных", "деревьями комментариев", "индексами",
                   "постраничным выводом"}),
            words({"Запрос стал в десять раз быстрее после добавления индекса.",
                   "Каждая миграция выполняется в одной транзакции.",
                   "Время хранится в UTC и показывается в часовом поясе читателя."}),
            words({"Спасибо, очень полезно!", "А как это работает на PostgreSQL?",
                   "У меня была точно такая же проблема."}),
            words({"Пишет о теме «%1».", "Разработчик из Казани; интересы: %1."}),
            words({"Москва", "Новосибирск", "Санкт-Петербург"})};
}

SampleLanguage greek()
{
    return {QStringLiteral("el"),
            4,
            true,
            words({"Ξεκινώντας με", "Μια ματιά στα", "Μαθήματα από"}),
            words({"ευρετήρια", "μεταναστεύσεις βάσεων", "σχόλια σε νήματα"}),
            words({"Το ερώτημα έγινε δέκα φορές πιο γρήγορο.",
                   "Κάθε μετανάστευση τρέχει σε μία συναλλαγή."}),
            words({"Ευχαριστώ, πολύ χρήσιμο!", "Δουλεύει και με MariaDB;"}),
            words({"Γράφει για %1.", "Προγραμματίστρια, αγαπά %1."}),
            words({"Αθήνα", "Θεσσαλονίκη"})};
}

SampleLanguage chinese()
{
    return {QStringLiteral("zh"),
            5,
            false,
            words({"深入理解", "快速上手", "我们为什么重写了"}),
            words({"数据库迁移", "评论树", "分页查询", "全文搜索"}),
            words({"加上外键索引之后，页面快了十倍。", "每次迁移都在一个事务里完成。",
                   "时间统一以协调世界时保存。"}),
            words({"谢谢分享！", "这个在 PostgreSQL 上也适用吗？", "我上周也遇到了同样的问题。"}),
            words({"关注%1。", "后端工程师，常写%1。"}),
            words({"北京", "上海", "台北"})};
}

SampleLanguage japanese()
{
    return {QStringLiteral("ja"),
            4,
            false,
            words({"はじめての", "詳しく見る", "失敗から学ぶ"}),
            words({"データベース移行", "コメントスレッド", "ページ送り"}),
            words({"インデックスを追加したらページが速くなりました。",
                   "移行はすべて一つのトランザクションで実行します。"}),
            words({"ありがとうございます！", "MariaDB でも動きますか？"}),
            words({"%1について書いています。"}),
            words({"東京", "大阪", "札幌"})};
}

SampleLanguage arabic()
{
    return {QStringLiteral("ar"),
            3,
            true,
            words({"مقدمة إلى", "نظرة على", "دروس من"}),
            words({"ترحيل قواعد البيانات", "الفهارس", "سلاسل التعليقات"}),
            words({"أصبح الاستعلام أسرع بعشر مرات بعد إضافة الفهرس.",
                   "كل ترحيل يعمل داخل معاملة واحدة."}),
            words({"شكرا، مفيد جدا!", "هل يعمل هذا مع PostgreSQL؟"}),
            words({"يكتب عن %1.", "مطورة برمجيات مهتمة بـ%1."}),
            words({"القاهرة", "عمّان", "الدار البيضاء"})};
}

SampleLanguage hebrew()
{
    return {
        QStringLiteral("he"),
        3,
        true,
        words({"מבוא אל", "מבט מקרוב על", "שיעורים על"}),
        words({"מסדי נתונים", "אינדקסים", "שרשורי תגובות"}),
        words({"השאילתה נעשתה מהירה פי עשרה אחרי הוספת האינדקס.", "כל מיגרציה רצה בטרנזקציה אחת."}),
        words({"תודה, מאוד מועיל!", "זה עובד גם עם SQLite?"}),
        words({"כותב על %1.", "מפתחת צד שרת; מתעניינת ב%1."}),
        words({"תל אביב", "חיפה", "ירושלים"})};
}

} // namespace

namespace SampleVocabulary {

const QList<SampleLanguage>& languages()
{
    static const QList<SampleLanguage> all{english(), german(),  french(),   spanish(), russian(),
                                           greek(),   chinese(), japanese(), arabic(),  hebrew()};
    return all;
}

const QStringList& emoji()
{
    static const QStringList all =
        words({"🎉", "🚀", "👍", "🔥", "🤔", "😅", "🙏", "💡", "🐍", "✨", "❤️", "👩‍💻"});
    return all;
}

const QStringList& firstNames()
{
    static const QStringList all =
        words({"alice", "bob",    "carol",   "dave", "erin",   "frank", "grace",  "heidi",
               "ivan",  "judy",   "mallory", "niaj", "olivia", "peggy", "rupert", "sybil",
               "trent", "victor", "walter",  "yara", "zoe",    "amir",  "chen",   "dmitri",
               "eleni", "hiro",   "leila",   "noa",  "sofia",  "yusuf"});
    return all;
}

const QStringList& tagWords()
{
    static const QStringList all = words({"Python",
                                          "Flask",
                                          "SQLAlchemy",
                                          "Databases",
                                          "Migrations",
                                          "Testing",
                                          "Deployment",
                                          "Performance",
                                          "PostgreSQL",
                                          "MariaDB",
                                          "SQLite",
                                          "Docker",
                                          "Security",
                                          "APIs",
                                          "Caching",
                                          "Async",
                                          "Jinja",
                                          "Celery",
                                          "Redis",
                                          "Logging",
                                          "Unicode",
                                          "Datenbanken",
                                          "Bases de données",
                                          "Rendimiento",
                                          "Базы данных",
                                          "Производительность",
                                          "Тестирование",
                                          "Βάσεις δεδομένων",
                                          "Ασφάλεια",
                                          "数据库",
                                          "性能优化",
                                          "部署",
                                          "データベース",
                                          "テスト",
                                          "パフォーマンス",
                                          "قواعد البيانات",
                                          "الأمان",
                                          "מסדי נתונים",
                                          "אבטחה",
                                          "ביצועים"});
    return all;
}

const QStringList& tagQualifiers()
{
    static const QStringList all =
        words({"tips",       "internals", "basics", "patterns", "in production", "pitfalls",
               "tutorial",   "deep dive", "news",   "FAQ",      "на практике",   "для начинающих",
               "στην πράξη", "入门",      "实战",   "入門",     "実践",          "للمبتدئين",
               "عملي",       "למתחילים",  "בפועל",  "Tipps",    "astuces",       "consejos"});
    return all;
}

} // namespace SampleVocabulary
