# commands module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += \
	src/commands/commands.c src/commands/commands.h src/commands/commands_private.h \
	src/commands/chat.c \
	src/commands/cmd_status.c

src_libjgw_la_SOURCES += src/commands/cmd_callctl.c src/commands/cmd_dial.c src/commands/cmd_dial.h \
	src/commands/cmd_redial.c

check_PROGRAMS += tests/it_commands
tests_it_commands_SOURCES = tests/it_commands.c
tests_it_commands_CFLAGS = $(TEST_CFLAGS)
tests_it_commands_LDADD = $(IT_LDADD)
TESTS += tests/it_commands

check_PROGRAMS += tests/it_callcmd
tests_it_callcmd_SOURCES = tests/it_callcmd.c \
	tests/harness/baresip.c tests/harness/baresip.h \
	tests/harness/sipp.c tests/harness/sipp.h \
	tests/harness/tone.c tests/harness/tone.h \
	tests/harness/wav.c tests/harness/wav.h
tests_it_callcmd_CFLAGS = $(TEST_CFLAGS)
tests_it_callcmd_LDADD = $(IT_LDADD)
TESTS += tests/it_callcmd
EXTRA_DIST += tests/data/sip/uas_callctl.xml
