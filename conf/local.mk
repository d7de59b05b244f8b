# Example configuration, the Prosody snippet and the systemd unit.
EXTRA_DIST += conf/jinglegw.conf.example conf/prosody-component.cfg.lua conf/jinglegw.service \
	tests/run-local docs/architecture.md docs/testing.md docs/interface.md

# Translations: plain PO catalogues read at start-up (src/i18n.c).
podir = $(pkgdatadir)/po
dist_po_DATA = po/de.po
