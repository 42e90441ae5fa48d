-- Your own services and the vendor parts they depend on (`[[services]]` in the configuration
-- file): the dependencies as JSON ([{provider, components, regions}]), kept in the file's order.
CREATE TABLE services (
    name         TEXT PRIMARY KEY COLLATE NOCASE,
    criticality  TEXT NOT NULL DEFAULT 'normal',
    depends_on   TEXT NOT NULL DEFAULT '[]',
    position     INTEGER NOT NULL
);
