# SDP <-> media description conversion.
src_libjgw_la_SOURCES += \
	src/sdp/sdp.c src/sdp/sdp.h \
	src/sdp/sdp_write.c \
	src/sdp/sdp_parse.c src/sdp/sdp_parse.h \
	src/sdp/sdp_attr.c src/sdp/sdp_ice.c

check_PROGRAMS += tests/check_sdp
tests_check_sdp_SOURCES = tests/check_sdp.c $(JINGLE_TEST_UTIL)
tests_check_sdp_CFLAGS = $(TEST_CFLAGS)
tests_check_sdp_LDADD = $(IT_LDADD)
TESTS += tests/check_sdp


