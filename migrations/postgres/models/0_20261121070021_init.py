from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
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
CREATE TABLE IF NOT EXISTS "campaign" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "audience_kind" VARCHAR(16) NOT NULL,
    "audience_values" JSONB NOT NULL,
    "reminder_after_days" JSONB NOT NULL,
    "reminder_every_days" INT NOT NULL,
    "reminder_max" INT NOT NULL,
    "reminders_sent" INT NOT NULL,
    "last_reminder_at" TIMESTAMPTZ,
    "created_by" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "started_at" TIMESTAMPTZ,
    "finished_at" TIMESTAMPTZ,
    "progress_at" TIMESTAMPTZ,
    "total" INT NOT NULL,
    "processed" INT NOT NULL,
    "emailed" INT NOT NULL,
    "on_paper" INT NOT NULL,
    "failed" INT NOT NULL,
    "agreement_id" INT NOT NULL REFERENCES "agreement" ("id") ON DELETE RESTRICT,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    "version_id" INT NOT NULL REFERENCES "agreement_version" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_campaign_school__148f8c" ON "campaign" ("school_id", "status");
COMMENT ON TABLE "campaign" IS 'One request to a group of people to sign one version, with its reminder schedule.';
CREATE TABLE IF NOT EXISTS "term_dates" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_term_dates_school__fc0386" ON "term_dates" ("school_id", "starts_on");
COMMENT ON TABLE "term_dates" IS 'One term (or half term) as the school publishes it; the gaps between are holidays.';
CREATE TABLE IF NOT EXISTS "audit_chain" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "key" VARCHAR(64) NOT NULL UNIQUE,
    "last_seq" INT NOT NULL,
    "last_hash" VARCHAR(64) NOT NULL
);
COMMENT ON TABLE "audit_chain" IS 'The head of one audit chain, locked while an entry is appended.';
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
    "round" INT NOT NULL DEFAULT 1,
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
    CONSTRAINT "uid_acknowledge_person__48ab41" UNIQUE ("person_id", "version_id", "subject_key", "round")
);
CREATE INDEX IF NOT EXISTS "idx_acknowledge_school__d02549" ON "acknowledgement" ("school_id", "agreement_id", "signed_at");
CREATE INDEX IF NOT EXISTS "idx_acknowledge_agreeme_e394a7" ON "acknowledgement" ("agreement_id", "pupil_id", "person_id", "version_id", "signed_at");
COMMENT ON TABLE "acknowledgement" IS 'One signature of one version, for the signer themself or for one pupil, in one round.';
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
CREATE INDEX IF NOT EXISTS "idx_guardianshi_school__24748a" ON "guardianship" ("school_id", "pupil_id");
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
CREATE TABLE IF NOT EXISTS "office_login_attempt" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "email" VARCHAR(254) NOT NULL,
    "ip" VARCHAR(64) NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "succeeded" BOOL NOT NULL,
    "stage" VARCHAR(16) NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_office_logi_email_8c2a41" ON "office_login_attempt" ("email", "at");
CREATE INDEX IF NOT EXISTS "idx_office_logi_ip_09fa67" ON "office_login_attempt" ("ip", "at");
COMMENT ON TABLE "office_login_attempt" IS 'One password or code check, kept in the database so the limit holds across processes.';
CREATE TABLE IF NOT EXISTS "office_user" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "email" VARCHAR(254) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "password_hash" VARCHAR(200) NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "totp_secret" VARCHAR(64),
    "totp_confirmed" BOOL NOT NULL,
    "totp_last_step" BIGINT NOT NULL,
    "active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_login_at" TIMESTAMPTZ,
    "school_id" INT REFERENCES "school" ("id") ON DELETE RESTRICT
);
COMMENT ON TABLE "office_user" IS 'An office user (role `office`, bound to one school) or a trust administrator (all).';
CREATE TABLE IF NOT EXISTS "office_session" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "key_hash" VARCHAR(64) NOT NULL UNIQUE,
    "method" VARCHAR(32) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_seen_at" TIMESTAMPTZ NOT NULL,
    "ended_at" TIMESTAMPTZ,
    "ip" VARCHAR(64) NOT NULL,
    "user_id" INT NOT NULL REFERENCES "office_user" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "office_session" IS 'A signed-in browser. The cookie holds a random id; only its hash is stored here.';
CREATE TABLE IF NOT EXISTS "answer_feedback" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "channel" VARCHAR(16) NOT NULL,
    "chat_team_id" VARCHAR(32) NOT NULL,
    "chat_user_id" VARCHAR(32) NOT NULL,
    "question" TEXT NOT NULL,
    "verdict" VARCHAR(32) NOT NULL,
    "agreement" VARCHAR(100) NOT NULL,
    "clause_ref" VARCHAR(64) NOT NULL,
    "version" VARCHAR(64) NOT NULL,
    "helpful" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "person_id" INT REFERENCES "person" ("id") ON DELETE RESTRICT,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_answer_feed_school__8986eb" ON "answer_feedback" ("school_id", "created_at");
COMMENT ON TABLE "answer_feedback" IS '\"Helpful\" or \"Not helpful\" on one policy answer.';
CREATE TABLE IF NOT EXISTS "nudge_snooze" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "channel" VARCHAR(16) NOT NULL,
    "until" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "agreement_id" INT NOT NULL REFERENCES "agreement" ("id") ON DELETE RESTRICT,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_nudge_snooz_person__797b1c" ON "nudge_snooze" ("person_id", "agreement_id", "until");
COMMENT ON TABLE "nudge_snooze" IS '\"Remind me tomorrow\": nudges for this agreement skip the person until `until`.';
CREATE TABLE IF NOT EXISTS "slack_identity" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "team_id" VARCHAR(32) NOT NULL,
    "user_id" VARCHAR(32) NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "person_id" INT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_slack_ident_team_id_b883a9" UNIQUE ("team_id", "user_id")
);
CREATE INDEX IF NOT EXISTS "idx_slack_ident_school__d02360" ON "slack_identity" ("school_id", "person_id");
COMMENT ON TABLE "slack_identity" IS 'A Slack user matched to a roster person by email, so later events skip the lookup.';
CREATE TABLE IF NOT EXISTS "slack_installation" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "team_id" VARCHAR(32) NOT NULL UNIQUE,
    "team_name" VARCHAR(200) NOT NULL,
    "enterprise_id" VARCHAR(32),
    "app_id" VARCHAR(32) NOT NULL,
    "bot_id" VARCHAR(32) NOT NULL,
    "bot_user_id" VARCHAR(32) NOT NULL,
    "bot_token" TEXT NOT NULL,
    "bot_scopes" TEXT NOT NULL,
    "bot_refresh_token" TEXT,
    "bot_token_expires_at" TIMESTAMPTZ,
    "installed_by" VARCHAR(32) NOT NULL,
    "installed_at" TIMESTAMPTZ NOT NULL,
    "school_id" INT NOT NULL UNIQUE REFERENCES "school" ("id") ON DELETE RESTRICT
);
COMMENT ON TABLE "slack_installation" IS 'One workspace per school: its team id maps to the school, its bot token acts for it.';
CREATE TABLE IF NOT EXISTS "slack_oauth_state" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "state" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "consumed_at" TIMESTAMPTZ,
    "school_id" INT NOT NULL REFERENCES "school" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "slack_oauth_state" IS 'An install started for one school; consumed once by Slack''s redirect back to us.';
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
    "eJztXW1z27i1/isYfWkyo01jJ072Zjt3xk6cXXcTuxN7251uOlyIhCReUwSXAO2obf77Bc"
    "B3CqQJmaRIBF/8QuKA0gMQOOc5L/jPbIMd5JFnp6sQoQ3y6ewN+M/MhxvE/ti9OQczGAT5"
    "LX6BwoUnWsNSswWhIbR5f0voEcQuOYjYoRtQF/vsqh95Hr+IbdbQ9Vf5pch3/4iQRfEK0T"
    "UK2Y3ffpsRe42xx3smXrSa/etf7C/Xd9AXRHgD/m9way1d5Dmlr+A6XEZct+g2ENcufPpe"
    "NOTPX1g29qKNnzcOtnSN/ay1G3+hFfJRCCni3dMw4l+If97ky6ffMf7seZP4IxZkHLSEkU"
    "cLACys/NrMsi6vbqzr8xvLmilAZmOfw80+KhHffsU/wnfHRy9fv/z+xauX37Mm4mNmV15/"
    "jR+dAxMLCngub2ZfxX1IYdxCYJyDKoZgB9a3axjKcU3bV5BlH7mKbIpjE7TphRzbfIYNAe"
    "4GfrE85K/omv179Px5A5R/P/309qfTT09Yq6f8kZi9EvHLcpncOo7vcbxzfKlLWSsFgDMB"
    "DRE+boXwcQPCx7sIw8hxkW8rgVyU0RDno1dtJvKr+nn8qgpyyOC4h54KxgURA3ELiKHP9s"
    "VQaRZnEgbgFgATd8XwIEq7XS4yHMRsXLezqWIsdDtLSVUryTyssU1hJnegtHE1eHkr19ky"
    "BbqM8HscIjZhf0ZbAfQF+0xQvskl1sB11tHEAP6azqH06izTykN4n9kO5anFvj/71ogKBD"
    "6dX998unjLkOZAL6B9ew9Dx6pB/I4tAuwjStaOs0Ty/c+fkAfF96iFOzO+/h53pxHwAkV8"
    "jAvolXDdvbU53lSvQB+uxFfiz+ZPqsOtybAtYNvCvrXuCs0fsnNnF5tNJPoAmL1XgFD2wj"
    "lvAAT2GvordnUJKPpCgUvYNab9gKT3Z7MKuI/rSWpVl0x2Nn2QZyzrg1rW8RgoKBuZgIba"
    "3KuXLTSNVy9rNQ1+q6xpoOUS2dS9k9h97xhKcohLQhWY2UAi6m7QM/7HBAFvAPjd6c15lZ"
    "dgq8sucjfsag0tkbTXYm42QHVz/usN73lDyB9ecQ4++Xj6q5iem21y58PV5Y9p88Kcffvh"
    "6qyqFa/h8ckrJcMjk9AC8L4Xgw2DInRl/MQZ0/8Q9OUoF8UqOC96VIzTXW7YmX12dfWhNL"
    "PPLqpT95ePZ+fM4BPAs0ZurCqnW11hPlOGSKprtF1BSkIDWtN9mdJDLyKxZigxQeohL4gY"
    "wJUBD6KF55I1ciwomejvEnVBjnxVtknX4H9McU0PEXSufG+brGhNw3PxkZnbpx//Vhojrp"
    "XwO8el8UmvPqnSTlkn4B8XNz8B/i/459XluYAXE8rsH1Jqd/PPGf9MMKLY8vG9BZ2CiZFe"
    "TVGrGfnFVmXXrspp8NIN4cDJjHElO7QqZphD2U5t+FjDx06Lj5UuDR2AWwp90RTf6pr4CM"
    "rb9mBEZOqmCuP9VnSiEeC98txv4SaAbE7PJPx2dm/exGvbxVYP0tlXPgIhYngTCigGEKxC"
    "HAWcew4QDjzEL3IPKMCsYUJAz8G9S9fApYSJbvjohIC91ciJPLRLc/fyBAn9XSG6SzFmzO"
    "yMSMyFG/J7KPJb/FbQnNP2GrJdvQY9WbfsO6oAvSM4oI1yv8Ye+i5/NacY4JDhdwe9SLY9"
    "/vX66vIB6HPRKi3g2hT8FzAbsjclZfaXZeTbHFWwiFyPuj55xp/3vwdgbThUzaxNlaCZl0"
    "193kGVtUn3DAsuKfvpwK3SINWIm4Hqb6AQ2/i3NQNVuxHXSA9nrr4e9c4sgZktjPvgm4gN"
    "B+zLiQFLLCI1UB+ENhccDtznEwHXg4Ra+VqszL/L5Dvg4BMVfSyK5kQo9xSTRs7dDhHHXZ"
    "FxL0sZ66Gd9ZCipv5elSWNV2ssr1gbr1bChCi8XbnEgFaiEzLVe6rmIUMs3O/NKkuavWrM"
    "e9XS9fcNDKiImnEe8zgHIebdkX0CQMqiZpzHPM4UU1nsYK0Fl7U3hlvVcGPz3mbTHqk4VU"
    "oyBtIqpGgDXU8J0IKEgbMKJ0MjgAGSZNrW4lkUMYBWAV2qTs+lmZ21YJpgOBMMNy1Uk7AN"
    "NVjLQgZXE2Roggyngm/LIEPJGtElwPrl0FdxLq+RyqGcfUYqJmuIJE4xX13qoxTzpazb0n"
    "Im3f2bLSR3WGh7zm41wZT9ukM5Aftv7CuW6ctlBnSOnUchDtCfP2Dfife+Kc5n9jjKFn2l"
    "uLyizDiC8fhjtQnGMxEB9W+DXhEBOybmYTTIGxRu+MQiMiUyv9moR1LWzHKydq3yXbgMeI"
    "JDsIbeUvz3FEACmAoJYrUUpEm8BLj0B3FjBQMCFojeI+QDGCKwxp7LI07lCS/dP0I54yWk"
    "xGLf2SS9mKSX8j42jMrQSyXlfFpLd6iGqJpU6Jsu+IR8RxW8gsg3DZ3xG3S1ehp+++BFTf"
    "tU6k7tW6ZqeshZ1R9AUWnSqOBBSeNWWh7PKYY0CkUhzVJu8ZLpZUITE5Wd+Z8bgpiaxi7z"
    "W7xtEAUuGx43zkoOceQ7ckWvl6dIi3sGrON4IS4w6SRa/B+yqXWLRPC76GKn5mdRMSw5Os"
    "RHE2Ybk6iUDxWfTfwhfW4uafTLIfXL1CGgXk5wV1JDbrB7oqryhrWmtstiGkL94rgF1C+O"
    "a6HmtyrZdGL1ar9mZO2H062OqtAeHXqpqJxtsFfaQVFQQ/ZuImxdqzBlXs7RV6spXRAxy1"
    "CLZQgSEoVQ9TShopCBuQXMvAvHUuXLylLasWa9+DbdQAXhuLV2yHavGUaEp5WvpEFj9fCW"
    "pbSD+aTVBD5pmMAnuxMY3bmO/Hi3emdxUcY4i0vqTTeVW2wcOsq5+hUx7aa/KY47CX6lsD"
    "f6dy4VFSzVwN2R2wvdkeVzdp4IKKhDNWBLMmbKylDlzKwiqAURM1FNVpDJCpoarsZreoCs"
    "oNz19Uhk/5Z1pCmypV3b5Ft1jq/JtxpRvtWOMtbFCpH2My1FrPX6UFBAW6CaW1cdQHtR6k"
    "xPfHfM0XHFBEWOS9+u2eefycKB8rvzxkgg3s6ys4YPRgHdrBFYI+ikoTmiAyA6mAMP27fI"
    "Afdr12N3fMCWt3ArztoNAsQGWxLv00F/JmNxXOE0ilEdnUZzaJ2vKIrvEvSHwpwtipiiMN"
    "JqyGtI1irztSSkoVe6m3k7knQosQ+e39UFzeZ3W+yS6K51rOyp2J++w763fQNCfE9E7pHP"
    "a+qDKOBhPw6PWY21CcmuuIe8NL4129j5EmCOrT/krpgNhUKIkSvLETFrjDSkVGlbHHxHHP"
    "3ELdBIyrGOJshxAkGO0Jab/g3hd5mEWYFarEAMLiwpftmIL5aVvtQB3l5iNpL4fxWMCyIG"
    "5XYocw1mF+L6oLC0vQkIK20FXQSEBSG6U7ZPS0IaTvruV25VhA24Kor5QcJARuZy0C5aYW"
    "T4Tj/FOznRW0JS5Wd9N5xPnbfptPLjb0WPd4iWhkM6KIfER0Bhn0qam22qTS3IaLOQnV3Q"
    "UGUok9Au4r4HFQtBhz9fRcvKRbQD+EUrw+1Fg+H2QmIeI2WKpyCiHcbdT2KKvkjIhxt2VY"
    "5u2l6LBbiJCz3/9abZ9s2o0A9Xlz+mzasGccX2xcSVT+f6iPyCiKH2TUi+CcmfHK6jMnLH"
    "BnBfIfkmqlmvUyTeIc9lH287k7AJ2b15E5/gFFu1qgy3QYSwTwMIG3xRpBdSijYBG/angO"
    "K4MpvIZ5gDgoGPF9gRkZwUew6g966N5LXgOupXrdJvEIVMlxDzPDmq2VRkMyGkmvj3TLWj"
    "3k8rL6wfrb12uYiGEHdf6YhQJKnAU2/FJM1NDPROuJfj8PO0VeZqQUQ71uj4pA1txFrVL7"
    "knuz7QWIlQgDiXGBBhHnOcMK5TXHVRGMoCsOr5uUxAg1k8ND1nDrapn+d6HWxTdjH4dJ9i"
    "qLlYB+M9ztiDsQ9vqyBhU7nJVG6aGKrGp9EVqoZ7N+VwRoysajkcU+9Cq3oXP0asCxf6ZO"
    "0GM4ljo3R/3uTcWFVbdhwyGcCwdN5L09ExhRbGuzBcGKUnpnk6AdrHU5blNKAN+g6Zit8F"
    "6FnMSAnYo92F67lU4tw5Yy8Egn6NFlzfS2UMFj1qF+krMKwNeXZ19aFkPp5dVOmZXz6enX"
    "96ciSGhTVy4wVbYoCELg6l6NfbHwWRA54IM6qFpVA/BC33oUMKYoYOGTMdEq87ihZ7UcbY"
    "liOptaw7poYF6QpVw4IcggXJTCbDgjzAghS3lxHWUp0srg8XUz0M71FgniSsR5mXquc8ym"
    "RYiwJmSVQl9IDn+rc81JKfaFg+jXfBz4rkt/iRvHF7APmVdXIMLwG8lifmApIaZ708Qi3Q"
    "s3w6b7x2GDJmUDImffEk4TH1NUdKQuMoPMKfp03hERtuAsheRjWFsiJlfMC7eroJm6mHWt"
    "+wGfQlcFlve4x6WVLDUZ/IKLeii3CA9jssuiRoKMExj3GI7vDtXoNcljSjPIVRZluSNDqj"
    "yUdYldTOS9h9MkeIAg/a4gRTNY1zV9AonfVKp9qxsmUp7WaxOVV2YrPYhM/2gapxHPWBqi"
    "kJYhxyo3JvmLDksYQlm1M6zSmdY8T5kfVsCvXj49oxLpJ4dM4S2fc/f0piaeuxL1aqmZb9"
    "Vgd5xeYVoayPRemazedPSVcazc6vfbrUkz1J4k7Pd6t6V3q+NbZxo28QrxLLT7dka81yyU"
    "/tgiAO4vizzX6FP6R+bH7C1y0KKIDsNgVP6BptkyO/uF/8qcyD3nHv0nSGXMm6ZZOE/0Zf"
    "KAp9KNSJpuQGtIEmuWHw0knJILWledL2Glad6aHERGHmK2BcEdMQ6u4zR5bsqZb4RwHokp"
    "CGMPdCWsbLtMp0TgX2QnhkytoA5X8CBpJaMbBUQD+Au18oQuwpgZu2186jcXTcZnFgreo3"
    "vOOdxcGkONUaLVp4uk1AWv3bpW9AWnKG9B6jXpY0oz6WUZe87DuUk/H1zYxPajyM8+MOYy"
    "sevHvLJryHnJWg6h9JqJ6We9MI/9JacACWfpI4FYvFPBKqaoUaHeHK88weCZZSwaVJQhVz"
    "9x3MqxsENx+zznSCq1cnkEholfmA0kzXBhdQ1qTj0lEF30lLH8sWwdBahTiKKxnhcGMcLs"
    "M6XIxPwPgEtPMJVJaVllCXpbQjWLtPfBDrtcpcTtobaB+E1hDXtYrWBLksQ1zrT2Ea4vpb"
    "HHVDXBvieiQAD01cG27xoAxQKXRaQgRVQ6vr+SAeQZvWJkateKHZKeC5y1vA61nFda/iIl"
    "hrSPnxpT6myXVIoxC9Yf+wgSJUFMWCTHYZEciA/Dyja9bcJf6fKNigzzNZlHCPT3q43JYh"
    "o0z070F4ke6jf5OziHfxrT9iriCigc3epFKaQ+aMtt+Njcd6wt7dnjV2SqKGwRmPUbc7zo"
    "c9bG50L7Qp7DBSVI3NfIACBIc7vWuqCI/7+K5rnp/KI1VmMks7uzlvNLN5M4um7XqLvRCf"
    "rhp0YezYIe1YVSe/xv79XtJ6jHZgtIMR7V1dMeompvKgjHoFNclOv4tr/XbPN3prU27c8Z"
    "6f6hLFox/Mnn+gPd8UeOwOZbPT94uqWJuUMC1IGESN7nQ4ZiXd8x6La9Fm1xTawjtramYO"
    "XDPzMDTVB7xy/VNK0SagM4n+WrrfqL3i5dK1keVxAQsWJB4MDbnyEQggIfc4dHhFN5t1Du"
    "w1sm/ncQk31xfnn3FFagEJAiQ+Hs1zNy4Fa8y+J4B2iAkBQYhtRAiSHL/W21PanMCWVRCC"
    "dMZu/jZL1HtqkpcGTl4atvbT2BasAYo/uUoZNO7AmTODYdt9Mph6dIC2wSA6RQWQyLYRcp"
    "BktT9jei6Cfo3NWpSrjPFi0haAbFjPrq4+lEb07KIaT/XLx7PzT0+OxFCyRm6sYEkIAiqN"
    "aatfozKBASPaUk1lNshi1U3o4I51exiV9koootdMQas5Q7jcoI1SSwptW0Q68+Bi5HzHFM"
    "pFiO8JCp+BG6ZJ2hjfuihVJUEIfQdvgOv8ALDvbYFLCVhDsuZByoQyG8oBTJ1EsgDn7h9g"
    "4prHpafeoq3Fx0plnSrKdLNUHRbinvWpDZvpWCl4PJfQUGHtPiPZRDN/EwqsBwllOyTy98"
    "k+r8iaoR71UCMG4T7vc1HOxKiPeYTHzd4MVJyje10jYjq6mvu0IGHcpw+7TzlcHXiiYtPw"
    "l6SziUHc1htVmFolX9Tb0+u3p+/OD+WKKmBfa7SnI/OgxZ7Ohxbmug9iGcBlwBNeLh/8Hl"
    "/6fQ4WOPIdQDEzoRGIXc9P42OHGLSEAuhsXN/lD2EWNXgCPU92cFE/zzBG+7iM9kM7l0Zk"
    "rvfiWjJB8v0WwUtJZ2XmaUdQO5WwF7zHf5LLcEkfnRcvoJgGFkF2iCTmaj3GFTFzINHDxo"
    "2AjD1z6YYbZTfmrvCAvszsymSdmQK+mEWjSGK7n7mr+gjdHdnhLM3n/ap4/3N8/OLF6+Pn"
    "L159f/Ly9euT759nut7urSal7+ziRw56aXB2R4EZGO6dZClvnPm50IAzPtUIJzvhjVOhfu"
    "7rWyJFrFJpaOleToaisKGgx0xBHyaBZ2QDql22ycjwHTpRN4kgemSW7k7k0sR2qIMk6Z76"
    "5B6F7xFyeH8zCbdcaTFv4pehaGsti40f5Jg/z35CXrCMvM8zzut+nl1iCtb5JV8wvwH2XH"
    "sL4ifsksj7dtImPyFfDwpakklNGJQ9ttfQ95ESf1wQGZBxI14y8adICzHIqFWbzdoIdUlO"
    "O4azh/gvDlmt5/sBqOv93wbqXajTCsa7MNeXai3KaMEoNxlBfVRrvUOh49pK7HJBRAvI+5"
    "7XkBmW2bGkbUEuCWm3eBy18kQdNXiijnY9UbYH2YJrhWiptFCXpLRDuntPCXv9iXSVblwx"
    "yOCL9GQBTswhRSa+IGUS6QwVb6j4Jnr2MFWrRkYfmqJVY0V1VKT32ADuq8TS8JWARrYeTL"
    "8Q0GXkrNC1j/G/0UxCkRdvz5v4cZ83tEjesgU5/glt2LiBDQIUb3AY4vvP4gOynghY4hCI"
    "k5gysw6QWzcQtXliOEHkU9cDv4tfv8uI8+4f0IZUz9+KkkUqejHkuiHX9SPX46mtaAxkQh"
    "raARPR+1vFZRhzr/690tfcy7YuNeOkKmbsE4nVZwpA94GqsaW7QtXY0t+ELT1VZNsY0y2d"
    "icrgnhb70hTf6h4+Kr7imttJFw77dC7dziSMRbnBvPGcLd6UfclC2xZV3sQD4oTuDaT2Go"
    "kUbghCpoCxawl1sNgCkeU75/WEPcjvoDv2IJKTDB7Gt1Egq/PWxyNqzwVJRjkNvKmeDVIM"
    "EiweH2I4jKE4jD2i1g4SsDbheJM9otUOEqg2YYgPXSRhRPEPvRRJMDRNPfr60jSGSuhuBz"
    "ZUgqESRmmQGSrh2/PLx2YsHyEvyQ6stXWLjeYt7N1q+1YH9dzj8JYE0Ba+8aRY2RtRWpzb"
    "GsB1mKUaEG6mcrszvj8X9xeYssu3yAfsIbHb3aXyc3r6eIgplmas2XEB3LOhJdBSLZlWEt"
    "LP4OqjihfyKQqD0CVIcTrvCOpXbKqHjKAgUIQ5l9BuPncPL9s/FeHNJQy8reDdg2OsiBmg"
    "WwEt9MBdmOszYktCWpC5Q6fEcgSJjflzFHHPpTSY3YeAPUTLEJH1frN+R1gHVeQQoyAAtN"
    "CXwGV47sHB1/VhSpaNOTQ2oVKQYy22Kvt6VU6Dpa/vjT2HTP3lqspq6OLS6a0aifdl8izc"
    "ju9Fhcl+2E9z5aMbzH707qU56EB06aPp2DtwdRrR9TWF4jFy30ChyfxhzwBmr+XaIlnzNm"
    "eoJGsrYD9DNqSCec+PM/kBcOCiDbuB2ezgIWvic/2JgBA5TM+xKeCIcEo/ItIDVDp/gHEI"
    "jMshkM23ttpTJqCdM6D7wigmKqgeen2jgva3Qzu3Psc26hMZ5VaKcrr17fN2l0UNzTDmcR"
    "6JQXTo9dqEow3yyjzC1DnwSZKnKHTt9UxW6Tu+M2+s8J23ecjwqYfUGBfjMi6mUnlxMBPj"
    "+OSkVe7BSUPuwYkkOEMF4aS5huj2U6QV+1SavfrX66vLWvWOygvh8jLE4L/Ac8kUdYAGcD"
    "kYza69qhevoqnxDs4eS5s+djP7+v/MWpUJ"
)
