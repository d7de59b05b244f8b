-- Add to /etc/prosody/prosody.cfg.lua (or a file in conf.d/) and reload
-- Prosody. The domain and secret must match [component] jid and secret in
-- jinglegw.conf; Prosody's component port (default 5347) must be reachable
-- from jinglegw only, so keep it on loopback.
component_ports = { 5347 }
component_interfaces = { "127.0.0.1" }

Component "sip.example.com"
    component_secret = "change-me"
    -- Let users see the gateway in their server's service discovery, so that
    -- clients offer it (e.g. Gajim's service browser).
    -- (On the VirtualHost: disco_items = { { "sip.example.com", "Phone gateway" } })

-- Optional, on each VirtualHost whose users call through the gateway: let the
-- gateway fetch the host's STUN/TURN services and credentials (XEP-0215) for
-- those users' calls ([media] external-services). With coturn and a shared
-- secret (mod_turn_external ships with Prosody 0.12):
--   modules_enabled = { "turn_external" }
--   turn_external_host = "turn.example.com"
--   turn_external_secret = "the coturn static-auth-secret"
--   external_service_access = { "sip.example.com" }
