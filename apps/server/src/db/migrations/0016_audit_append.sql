-- One round trip per audit row (platform/audit/audit.service.ts writeAudit): the chain's lock, the head read after
-- it and the hashed insert. In READ COMMITTED a VOLATILE function takes a fresh snapshot for each statement it runs,
-- so the head is read after the lock is granted and sees the previous holder's committed row (a single SQL
-- statement's snapshot predates its own lock wait). The digest is writeAudit's: sha256 of prev_hash || the
-- canonical JSON the caller computed; the genesis of chain c is c as 64 hex digits (chainGenesis).
CREATE FUNCTION audit_append(p_chains int, p_lock int, p_at timestamptz, p_actor_id uuid, p_actor_label text,
  p_action text, p_entity_type text, p_entity_id text, p_site_id uuid, p_before jsonb, p_after jsonb,
  p_request_id text, p_hashed text) RETURNS smallint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  c smallint := pg_backend_pid() % p_chains;
  prev text;
BEGIN
  PERFORM pg_advisory_xact_lock(p_lock, c);
  SELECT hash INTO prev FROM audit_log WHERE chain = c ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, lpad(to_hex(c::int), 64, '0'));
  INSERT INTO audit_log (chain, at, actor_id, actor_label, action, entity_type, entity_id, site_id, before, after,
                         request_id, prev_hash, hash)
  VALUES (c, p_at, p_actor_id, p_actor_label, p_action, p_entity_type, p_entity_id, p_site_id, p_before, p_after,
          p_request_id, prev, encode(sha256(convert_to(prev || p_hashed, 'UTF8')), 'hex'));
  RETURN c;
END $$;
