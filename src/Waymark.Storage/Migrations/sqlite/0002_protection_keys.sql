-- ASP.NET Core data-protection key ring, shared by every node that uses this database, so that a
-- form signed by one node is accepted by another (several nodes behind Onionbalance).
CREATE TABLE protection_keys (
    name TEXT NOT NULL PRIMARY KEY,
    xml  TEXT NOT NULL
);
