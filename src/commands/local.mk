# commands module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += \
	src/commands/commands.c src/commands/commands.h src/commands/commands_private.h \
	src/commands/chat.c \
	src/commands/cmd_status.c \
	src/commands/cmd_voicemail.c src/commands/mailbox.c src/commands/mailbox.h \
	src/commands/line_presence.c

check_PROGRAMS += tests/it_commands
tests_it_commands_SOURCES = tests/it_commands.c
tests_it_commands_CFLAGS = $(TEST_CFLAGS)
tests_it_commands_LDADD = $(IT_LDADD)
TESTS += tests/it_commands

check_PROGRAMS += tests/it_mwi
tests_it_mwi_SOURCES = tests/it_mwi.c tests/harness/sipp.c tests/harness/sipp.h
tests_it_mwi_CFLAGS = $(TEST_CFLAGS)
tests_it_mwi_LDADD = $(IT_LDADD)
TESTS += tests/it_mwi
