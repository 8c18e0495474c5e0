CREATE TABLE "software_dirty_assets" (
	"asset_id" uuid PRIMARY KEY NOT NULL
);
