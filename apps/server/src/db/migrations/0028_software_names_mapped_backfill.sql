-- Names mapped before the flag existed (data for migration 0026).
UPDATE software_names SET mapped = true WHERE NOT mapped;
