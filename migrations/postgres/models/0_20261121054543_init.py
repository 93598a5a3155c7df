from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "audit_chain" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "key" VARCHAR(64) NOT NULL UNIQUE,
    "last_seq" INT NOT NULL,
    "last_hash" VARCHAR(64) NOT NULL
);
COMMENT ON TABLE "audit_chain" IS 'The head of one audit chain, locked while an entry is appended.';
CREATE TABLE IF NOT EXISTS "school" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "slug" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "timezone" VARCHAR(64) NOT NULL,
    "contacts" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS "agreement" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "slug" VARCHAR(100) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "audience" VARCHAR(16) NOT NULL,
    "renewal" VARCHAR(16) NOT NULL,
    "anchor" VARCHAR(16) NOT NULL,
    "signers" VARCHAR(16) NOT NULL,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_agreement_school__50cb37" UNIQUE ("school_id", "slug")
);
CREATE TABLE IF NOT EXISTS "agreement_version" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "label" VARCHAR(64) NOT NULL,
    "effective" DATE NOT NULL,
    "text" TEXT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "material" BOOL NOT NULL,
    "statement" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ NOT NULL,
    "published_by" VARCHAR(200) NOT NULL,
    "agreement_id" INT NOT NULL REFERENCES "agreement" ("id") ON DELETE RESTRICT,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_agreement_v_agreeme_ffbcf2" UNIQUE ("agreement_id", "label")
);
COMMENT ON TABLE "agreement_version" IS 'Immutable once stored: a change of text is a new version.';
CREATE TABLE IF NOT EXISTS "audit_event" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "chain" VARCHAR(64) NOT NULL,
    "seq" INT NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "actor" VARCHAR(200) NOT NULL,
    "subject" VARCHAR(200) NOT NULL,
    "data" JSONB NOT NULL,
    "prev_hash" VARCHAR(64) NOT NULL,
    "hash" VARCHAR(64) NOT NULL,
    "school_id" INT REFERENCES "school" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_audit_event_chain_e7bc09" UNIQUE ("chain", "seq")
);
COMMENT ON TABLE "audit_event" IS 'Append-only: rows are never updated or deleted.';
CREATE TABLE IF NOT EXISTS "clause" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "ref" VARCHAR(64) NOT NULL,
    "number" VARCHAR(64) NOT NULL,
    "heading" VARCHAR(300) NOT NULL,
    "section" VARCHAR(64) NOT NULL,
    "text" TEXT NOT NULL,
    "position" INT NOT NULL,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    "version_id" INT NOT NULL REFERENCES "agreement_version" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_clause_version_b5baca" UNIQUE ("version_id", "ref")
);
CREATE TABLE IF NOT EXISTS "person" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "external_id" VARCHAR(64) NOT NULL,
    "full_name" VARCHAR(200) NOT NULL,
    "email" VARCHAR(254),
    "phone" VARCHAR(64),
    "role" VARCHAR(120) NOT NULL,
    "left_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_person_school__c95785" UNIQUE ("school_id", "kind", "external_id")
);
CREATE INDEX IF NOT EXISTS "idx_person_school__a4aa36" ON "person" ("school_id", "email");
COMMENT ON TABLE "person" IS 'A member of staff or a parent/carer; pupils are kept apart (they never sign).';
CREATE TABLE IF NOT EXISTS "invitation" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "pupil_ids" JSONB NOT NULL,
    "campaign_id" INT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "opened_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "revoked_reason" VARCHAR(32) NOT NULL,
    "replaced_by_id" INT,
    "created_by" VARCHAR(200) NOT NULL,
    "agreement_id" INT NOT NULL REFERENCES "agreement" ("id") ON DELETE RESTRICT,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    "version_id" INT NOT NULL REFERENCES "agreement_version" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_invitation_school__0a8713" ON "invitation" ("school_id", "agreement_id", "person_id");
COMMENT ON TABLE "invitation" IS 'A personal link to sign one version, bound to the person and the pupils it covers.';
CREATE TABLE IF NOT EXISTS "delivery" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "key" VARCHAR(200) NOT NULL UNIQUE,
    "channel" VARCHAR(16) NOT NULL,
    "purpose" VARCHAR(32) NOT NULL,
    "step" INT NOT NULL,
    "address" VARCHAR(254) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "error" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "sent_at" TIMESTAMPTZ,
    "invitation_id" INT REFERENCES "invitation" ("id") ON DELETE RESTRICT,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_delivery_school__bb5192" ON "delivery" ("school_id", "purpose", "status");
COMMENT ON TABLE "delivery" IS 'One message sent (or attempted) to one person, so nobody is told twice.';
CREATE TABLE IF NOT EXISTS "pupil" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "external_id" VARCHAR(64) NOT NULL,
    "full_name" VARCHAR(200) NOT NULL,
    "year_group" VARCHAR(32) NOT NULL,
    "form" VARCHAR(32) NOT NULL,
    "left_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_pupil_school__f6e69f" UNIQUE ("school_id", "external_id")
);
CREATE INDEX IF NOT EXISTS "idx_pupil_school__995cd1" ON "pupil" ("school_id", "year_group", "form");
CREATE TABLE IF NOT EXISTS "acknowledgement" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version_sha256" VARCHAR(64) NOT NULL,
    "subject_key" VARCHAR(32) NOT NULL,
    "signed_at" TIMESTAMPTZ NOT NULL,
    "channel" VARCHAR(32) NOT NULL,
    "assurance" VARCHAR(32) NOT NULL,
    "typed_name" VARCHAR(200) NOT NULL,
    "ip" VARCHAR(64) NOT NULL,
    "user_agent" VARCHAR(500) NOT NULL,
    "evidence" JSONB NOT NULL,
    "recorded_by" VARCHAR(200) NOT NULL,
    "agreement_id" INT NOT NULL REFERENCES "agreement" ("id") ON DELETE RESTRICT,
    "invitation_id" INT REFERENCES "invitation" ("id") ON DELETE RESTRICT,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "pupil_id" INT REFERENCES "pupil" ("id") ON DELETE RESTRICT,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    "version_id" INT NOT NULL REFERENCES "agreement_version" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_acknowledge_person__a20b79" UNIQUE ("person_id", "version_id", "subject_key")
);
CREATE INDEX IF NOT EXISTS "idx_acknowledge_school__d02549" ON "acknowledgement" ("school_id", "agreement_id", "signed_at");
COMMENT ON TABLE "acknowledgement" IS 'One signature of one version, for the signer themself or for one pupil.';
CREATE TABLE IF NOT EXISTS "guardianship" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "relationship" VARCHAR(64) NOT NULL,
    "parental_responsibility" BOOL NOT NULL,
    "priority" INT NOT NULL,
    "left_at" TIMESTAMPTZ,
    "parent_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "pupil_id" INT NOT NULL REFERENCES "pupil" ("id") ON DELETE RESTRICT,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_guardianshi_parent__61d140" UNIQUE ("parent_id", "pupil_id")
);
CREATE TABLE IF NOT EXISTS "sign_response" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "message" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "resolved_at" TIMESTAMPTZ,
    "invitation_id" INT NOT NULL REFERENCES "invitation" ("id") ON DELETE RESTRICT,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT
);
COMMENT ON TABLE "sign_response" IS 'A reply on a sign link that is not a signature: a question, a refusal, \"this isn''t me\".';
CREATE TABLE IF NOT EXISTS "staff_team" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(120) NOT NULL,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_staff_team_school__087449" UNIQUE ("school_id", "name")
);
CREATE TABLE IF NOT EXISTS "team_membership" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    "team_id" INT NOT NULL REFERENCES "staff_team" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_team_member_team_id_c76148" UNIQUE ("team_id", "person_id")
);
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXW1z2zYS/iscfblkxk1jOXY7uZubsVO3dZvYHVvX6/RlOBAJSTzzLSRoR9fLfz+Ary"
    "AJ0oRMUhS6n2yRu6D0AAQWzy52/5w5nont8NW5ce96jzY219jBLpm91f6cucjB9J8mkSNt"
    "hny/EGAXCFrasQ4SCC9DEiCDtb1CdojpJROHRmD5xPJcpnTjYi201i4iUYA1b6V59MIDDk"
    "J6/0hbeYFGNokEjv91QmxToSC+xWT9yLfsV+xhpmfQp1nuuud2I9f6GGGdeGtMBQPa+m+/"
    "zXzaFP0F9HbaKPs3jJb/wQbR7/F29scf9ILlmvgTDhOV0Nh4nh3Dsg5wjlH8HUwdkUTFv9"
    "dXFrbNUndYJpOMr+tk68fXrlzybSzIfvpSNzw7ctxC2N+Sjefm0lbysDWmvxcRzJonQcQ6"
    "xI1sO+3CrI+SX1yIJD+D0zHxCkU261amnXyB4tpM169vFvrd5ULXZ7UuzzS43kovGZ7Lhg"
    "v9qmH869fsK3wxP37z1ZuvT87efE1F4q+ZX/nqc/LoAphEMYbnejH7HN9HBCUScT8UoKYd"
    "p4cbND89qwP8boMCMcJ1zQra9GdU0c6wbYM7u1DgXbw1YwDuoE+6jd012dCPZ29a0P35/P"
    "bd9+e3L87evGQP9OhLnkwC1+mdeXyLdUABOP96SKBdUVMQ6pN5B6hP5o1Qs1sVqPNJpQb0"
    "NxQlYjm4AWxesQK1mWq+yv45QOBbgF5cfbi8W5x/+Ik174ThRzuG63xxye7M46vbytUXZ5"
    "VOyRvR/n21+F5jH7Vfb64vYzi9kNCZPyzJLX6dse+EIuLpdPnUkcljkl3OLpU62dgg18W2"
    "zLvEqcB71OE9QmEYBcg1sAzIJSWAuQPMrAlTjz9J4FzWGg/o2WwUmOevX3fAmUo1Ah3fKy"
    "Nt+TIIJ9LKIdu/aROFONDROjXpu8Jb1lIO5tNOA/i0ZQCf1gcwfrBMLJyQf7i7uRbjzOtU"
    "bRrLINr/NNsKa/uj3tD+xypyDQaltowsm1hu+Io99p9D9UIL6AyjknmTYf3iw/kv1W549/"
    "7momq3sAYuKl0SYMMLTDoVL6Xs+oqacsN/kPk7pw50KU6gqvY0O3AIVkkvBAG3NroPFkHs"
    "W8iBW9PbCd2UWlEV3IQwkwO2pANDVoQqYyklQeVUYKDWIU1oWjlMSzowUAWoZpSpFKxlJc"
    "A1xZW5CVb3Qk678DGUIf7WC7C1dn/E2xjpK/qdGgiK1PNzlzd0YAB/zgZRdrWYsQL0mPtW"
    "yq8s/f30V2MSI3B7ebe4vXq3mAnWrx6Q/SlvSFFkS6t2B2RL3rBngnvOt6UovlVbvgPEnI"
    "+yL4B/LppUFOfy6tNlimCWVR8zRNbOYRlinecHzgDtgGqxu+oB2qtSY2riW9uONoDMzIgl"
    "Mu4fUWDqJXuC3fHmXuVKLlu/5cyd6hXkonWMEfsx7KvXZmhRvAk/fbdEmpTEnooxaQZYGN"
    "lRmFChHa1rcRwQozFmjEbcBTVYW2IFUnkFvW7HnejE4xY68bhOJxKL2HI+t0xBQYSHIWwj"
    "0xL7K1ocyJyOgjgfn3UZyNXICm4cn1VBDigcj0gqEoJTAYg7QEztqo0XSI3iXAMA7gBwEo"
    "saSq12hcqI3jPkbsdxoA2AMXC7wEFOZ6fWhYNs3qXV6B3B3HGRan774y22833vX47a+TzK"
    "jjbDrW1jy2HbYX+rc8Td02cprhwnitvQPPpeaSGhL5z5VkMai/pcx6cgCP5ENCuk16j1k5"
    "2HqJ+eeFZLwl11actOhw+2YWe915110gcSxkauoKA1139AIF6tsEGsB8G+jwXgN8Sp8Upt"
    "wfcHCHgLwCyYvspL0NmljtyCXm2gJVJ5JcZm2xmFy18WrOXm+L38iML7m+vvMvFqUF/FKp"
    "Y+AAUHn6QmA4dCEVgifuKC2n8YuWKUebUKzssBDeNslRt3ZF/c3LwvjeyLq+rQ/deHi0u6"
    "4YuBp0JWYioLIngIRUTsUG6eQUpKCsSijj2JJJahYAvSDDmnAoBLA+5HS9sKNzud8qvqKn"
    "jQbxZgZN649jad0Q7k4F86+bae+yt6Ty7gvqqnwEsHEfcHxxwCHwt87ERowaNnxoRC5OIg"
    "kYtdKG/DRlEoMjdlGO93cSMKAT4szx2ZFqHWhSVmuIu7R63cNpPTjVzwSVZ7scHahtpyWR"
    "KfuAEtbuBIsz3jHpva48ay6R1Xo2Mr2Ma0tO9j2jdmndvuoT0Bww1c9h65bMmEMr0mktkv"
    "sAMTVzYKiR7ijxJjllcZzzp7PemRWwF0g8KNnOeFUwLCtWHc1izgPcU3s+Xk8qEpwLm422"
    "GVxA+d8+idx+vTF55rb99qgfdIV6wAay5tIdAin/E4Jstul5hbglVxB32hnzdf2NkUAB7e"
    "fa6KeVd0nWdyBZhjumSzk1oWR18RJz9wuW20NH+tLGt9ICx1hkkrTY0M8aGtlohho2G/Dj"
    "OQaAaicElGZGcKCsI7CPefph6VwZhTAZS7ocwsmDrEzem8MnlI5dXuVN4hlZcf4Afp/WlJ"
    "ScFB3//MLYswgCtjmO/FqTixw+LK+RQnhu84RzyGJKpS55eApCrcYs0ElVHI9Hz+njvyEO"
    "AVcEh75ZBYD0isU6k4LFMdlik3cpZYavtWaCgXuTWAiYWRyZ4vY2UVKsoBfNJp43bSsnE7"
    "EWyPsTTFw6koh3H/gxiOwYwZUO2Flng4N+dS5VSA2ocAz5FQhWSqim5ypwbwUIGzkI9yqH"
    "yU++ESvsG2Rb/ediZgE/J7R218gslLdaoa6eAwpN9GC2nnay+8QEOEYMen3f5SI15SwzHO"
    "RHukhZ7mekvPjCM5iWebGnm0DCyuGtlTu0/HiPKpBv0ooLZEPM7ZQcQohGKQEEKqin8P6t"
    "QNntiKmz86e+0KFQUhHqCkJsGC2mnNu5hUHGKga+FephnQNVZmrHIqyrFG89MutBGVap5y"
    "T+s+0MSIkIC40BgRYRZznDKuhzjr4iAQBWA183O5ggKjePQEEwFm0OyQ7aCsqWDUqMK5Dt"
    "gubJcy1oVaD/09zdiDqXdvpyBhqLkHNfcODFXwafSFKnDvUMhswsjKFjKDSkVKVSr6LqJN"
    "WMgNN5Y/Ezg2SveP2pwb66pkzyGTPgqyxIVx6TCImdxvzGSSdybr7e7Bk2U9BTiCoeOjko"
    "GPbJ3uSHz6aGtp2RYReHJa86y2tAJpV7unXfUDywuE6DdvNjiV8azi40lPLFyyELzahfvg"
    "1ID7mDL3kcw7kttzXgc2kqJpiCsv2hVUTgUwBcoDKI9p7xulKY98fwSUxxOUB7+8TLDk9c"
    "Hi+nTN6/2QHBzNJKA4yiRUM8FRZr46ZCtLQyiRrdmWe8/iKlktwzi4Mg1zPdKWXuSa7BbZ"
    "ZCGXGmJX2EeGZ6ixxJ0eUxAkNBvkEXJRnaX8wCnvCnGdo5Ix2YsniIVpTjBSUppGlhH2PG"
    "WyjBjI8RF9GeUMyooWOHzrdjrEyDRDrW6MDP7kW7S1HXq9rKlgrx9IL3eiizyfYr/Lu11S"
    "BEpwyn0c4AfvfqdOLmtCLx9CL9MlSRiK0eYjrGoq5yXs/+RGgH0bGXHZKzmLs64IRmez0S"
    "lXjKyspdwohlJkBzaKIVZ2CFTBcTQEqpD/Axxyk3JvQAzyVGKQoSThICUJIXnNM3F+ZvIa"
    "Lll8kijGem7tRz4tzWHt35ogr+x541DW56J0R8fzbdqUQqNz0DqZ6ZokcKcXq1WzK71YGr"
    "u40R3MUsKyUpZ0rlmtWIkupCVBHF8a9E/w98yPzcp53WOfaIjeJtoLssHbtL4X84u/FHnQ"
    "e25deHahMLLu6SBhf/EnggMXxeZE9SQDL48dlJ11AH/6aHmS0k7qSvNk8gqmmBkgnwQ38i"
    "UwrqgpCHX/J0dW9Kl6/EEC6JKSgjAPQlom07TMcM4UdkJ4YsbaCLl+fAqSXOavTEE9gPuf"
    "KALPlgI3k1fOo3E87zI5UKnmBW9emxzgiFPjpkUJTzcEpDW/XeoGpKUFo3fo9bIm9PpUel"
    "3wstcoJ/D1zcAnNR3G+XmV1/gqu/d0wNvYXMdU/TMJ1fNyawrhX5oL9sDSHyROfGaYZ0JV"
    "TUejIlzFObNngiWVXekgoUq4+x7G1QIj50PemEpwDeoEig+0inxA2UnXFhdQLtJznijOd9"
    "LRx7LFKNDXgRclmYy8wAGHy7gOF/AJgE9AOZ9AZVrpCHVZSzmCtf+DD/F8LTOWU3mA9klo"
    "gbhuNLQOkMsC4lp9ChOI679irwNxDcT1RAAem7gGbnGvDFA6TgUUUDGCmzkgLolUryRQhe"
    "sBLmdMLie0o7XMfiyTV67MaP/cjSxtA4yNHGPDrNb/SsYZ8jojUgqXUeD5+Mv3nmsma9oh"
    "jmf6OEInfam0dbzONLLWsceqk7UOKAHFNodNlEBtG9Nsbg9qQfKH70R2ZOVwXos1ydImBr"
    "xoh7NlLPvNVmMZUZPMqUka1Q0irNq965H0OiJRgN/SD3QkhiROq4qo7ioKER0pv8/Ihopb"
    "ofs3ojn495nonNmATwITeFomMJwfG/D8mIPDkE4ldXybKxJzKgp4fdrWHahJDCZBP14C2p"
    "JnP+yYpbGkCj7A6bgF6v2839rEk3uhITXYRFEFr8seUljtr9jroSI87WqvdyzDCYt1nol2"
    "2vnNo9ZtNhPTSSY3WPRu/O2gyOs+97Hgbxj2YDhYB2AdTGjt6ismA07l7DUmo4KaYKWv49"
    "q83LOFXnfKwj2v+ZktwRcPgzV/T2s+pAjvD2VY6YdFNZ6bpDDlNABRsJ32x6xka95zceX3"
    "7IpCy72zkHV95Kzr+6GpznFgGZuZwHJN77RarKiQgajiQ1qI2szSxnz0zWwUp6IgITU/Pe"
    "0SAHt62pJl87RWe8mXOquciiuI7nGn8OLjlvDi43p4MQtdFRataI92zUprjx7suh8Pem9h"
    "rXsNcPz8f8IitAM="
)
