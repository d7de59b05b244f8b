# Example configuration, the Prosody snippet and the systemd unit.
EXTRA_DIST += conf/jinglegw.conf.example conf/prosody-component.cfg.lua conf/jinglegw.service \
	tests/run-local docs/architecture.md docs/testing.md docs/interface.md
