# call module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += src/call/address.c src/call/address.h \
	src/call/router.c src/call/router.h

check_PROGRAMS += tests/check_address
tests_check_address_SOURCES = tests/check_address.c
tests_check_address_CFLAGS = $(TEST_CFLAGS)
tests_check_address_LDADD = $(TEST_LDADD)
TESTS += tests/check_address

src_libjgw_la_SOURCES += \
	src/call/calls.c src/call/calls.h src/call/call_private.h src/call/calls_watch.c src/call/call_3pcc.c \
	src/call/call.c src/call/call_in.c src/call/call_out.c src/call/call_mid.c

src_libjgw_la_SOURCES += src/call/call_control.c src/call/call_dial.c
