-- Points: the pickup code encrypted by the vault (context stations.pickup_code), so the worker
-- can see the code again while the redemption is pending; pickup_hash stays the lookup (a keyed
-- hash). NULL only for rows written before this column.
ALTER TABLE station_redemptions ADD COLUMN pickup_enc {{blob}} NULL;
