# media module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += \
	src/media/media.h src/media/session-private.h \
	src/media/session.c src/media/negotiate.c src/media/pipeline.c \
	src/media/codec.c src/media/codec.h \
	src/media/path.h src/media/path_rx.c src/media/path_tx.c \
	src/media/ice.c src/media/ice.h \
	src/media/ingress.c src/media/ingress.h \
	src/media/rtpleg.c src/media/rtpleg.h \
	src/media/rtcp.c src/media/rtcp.h src/media/rtcp_io.c \
	src/media/srtcp.c src/media/srtcp.h

check_PROGRAMS += tests/check_media
tests_check_media_SOURCES = tests/check_media.c tests/check_media_peer.c tests/check_media_peer.h
tests_check_media_CFLAGS = $(TEST_CFLAGS)
tests_check_media_LDADD = $(IT_LDADD)
# libnice must come before libsofia-sip-ua in the NEEDED list: sofia exports
# its own stun_message_length(), which otherwise interposes libnice's
# internal one and makes every ICE check fail ("buffer is empty"). libtool
# reorders -l flags, so pass it to the linker directly. (The daemon needs
# the same: see the media report.)
tests_check_media_LDFLAGS = $(AM_LDFLAGS)
TESTS += tests/check_media

# SRTCP of SDES-SRTP legs: contexts, bad packets, GStreamer srtpenc/srtpdec interop.
check_PROGRAMS += tests/check_srtcp
tests_check_srtcp_SOURCES = tests/check_srtcp.c
tests_check_srtcp_CFLAGS = $(TEST_CFLAGS)
tests_check_srtcp_LDADD = $(TEST_LDADD)
TESTS += tests/check_srtcp

# End to end: RTT from RTCP with aiortc (Jingle) and baresip (SIP) as peers.
check_PROGRAMS += tests/it_stats
tests_it_stats_SOURCES = tests/it_stats.c
tests_it_stats_CFLAGS = $(TEST_CFLAGS)
tests_it_stats_LDADD = $(IT_LDADD)
TESTS += tests/it_stats

# End to end: XEP-0215 services (Prosody mod_turn_external + coturn) in the ICE agent.
check_PROGRAMS += tests/it_extdisco
tests_it_extdisco_SOURCES = tests/it_extdisco.c tests/harness/coturn.c tests/harness/coturn.h
tests_it_extdisco_CFLAGS = $(TEST_CFLAGS)
tests_it_extdisco_LDADD = $(IT_LDADD)
TESTS += tests/it_extdisco
