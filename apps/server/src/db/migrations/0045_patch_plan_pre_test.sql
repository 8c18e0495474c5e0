ALTER TABLE "patch_plans" ADD COLUMN "pre_tested_on" date;--> statement-breakpoint
ALTER TABLE "patch_plans" ADD COLUMN "pre_test_result" text;--> statement-breakpoint
ALTER TABLE "patch_plans" ADD COLUMN "pre_test_notes" text;--> statement-breakpoint
ALTER TABLE "patch_plans" ADD CONSTRAINT "patchplans_pre_test_check" CHECK ("patch_plans"."pre_test_result" is null or ("patch_plans"."pre_test_result" in ('passed','passed_with_issues','failed') and "patch_plans"."pre_tested_on" is not null));