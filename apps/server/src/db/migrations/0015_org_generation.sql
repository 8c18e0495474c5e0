CREATE TABLE "org_generation" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "org_generation_one_row" CHECK ("org_generation"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "org_generation" ("id", "n") VALUES (1, 0);--> statement-breakpoint
-- Every statement that changes sites or departments moves the generation, in its own transaction: a reader sees the
-- new number exactly when it sees the new rows (org-refs.ts, issue #4 bench).
CREATE FUNCTION org_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE org_generation SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER sites_org_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sites
  FOR EACH STATEMENT EXECUTE FUNCTION org_generation_bump();--> statement-breakpoint
CREATE TRIGGER departments_org_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON departments
  FOR EACH STATEMENT EXECUTE FUNCTION org_generation_bump();
