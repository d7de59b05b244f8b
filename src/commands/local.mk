# commands module: sources into src/libjgw.la, its tests.
src_libjgw_la_SOURCES += \
	src/commands/commands.c src/commands/commands.h src/commands/commands_private.h \
	src/commands/chat.c \
	src/commands/cmd_status.c
# One line per command family.
src_libjgw_la_SOURCES += src/commands/cmd_settings.c src/commands/cmd_forward.c src/commands/cmd_journal.c src/commands/cmd_notices.c
src_libjgw_la_SOURCES += src/commands/cmd_directory.c src/commands/cmd_directory.h src/commands/cmd_directory_form.c
src_libjgw_la_SOURCES += src/commands/cmd_transfer.c src/commands/cmd_desk.c

src_libjgw_la_SOURCES += src/commands/cmd_callctl.c src/commands/cmd_dial.c src/commands/cmd_dial.h \
	src/commands/cmd_redial.c
src_libjgw_la_SOURCES += src/commands/cmd_voicemail.c src/commands/mailbox.c src/commands/mailbox.h \
	src/commands/line_presence.c

check_PROGRAMS += tests/it_commands
tests_it_commands_SOURCES = tests/it_commands.c
tests_it_commands_CFLAGS = $(TEST_CFLAGS)
tests_it_commands_LDADD = $(IT_LDADD)
TESTS += tests/it_commands

check_PROGRAMS += tests/it_settings
tests_it_settings_SOURCES = tests/it_settings.c
tests_it_settings_CFLAGS = $(TEST_CFLAGS)
tests_it_settings_LDADD = $(IT_LDADD)
TESTS += tests/it_settings

# The directory command against a real slapd (libslapd.la from plugins/ldap/local.mk).
check_PROGRAMS += tests/it_directory
tests_it_directory_SOURCES = tests/it_directory.c
tests_it_directory_CFLAGS = $(TEST_CFLAGS)
tests_it_directory_LDADD = tests/harness/libslapd.la $(IT_LDADD)
TESTS += tests/it_directory

check_PROGRAMS += tests/it_desk
tests_it_desk_SOURCES = tests/it_desk.c
tests_it_desk_CFLAGS = $(TEST_CFLAGS)
tests_it_desk_LDADD = $(IT_LDADD)
TESTS += tests/it_desk
check_PROGRAMS += tests/it_callcmd
tests_it_callcmd_SOURCES = tests/it_callcmd.c
tests_it_callcmd_CFLAGS = $(TEST_CFLAGS)
tests_it_callcmd_LDADD = $(IT_LDADD)
TESTS += tests/it_callcmd
EXTRA_DIST += tests/data/sip/uas_callctl.xml
check_PROGRAMS += tests/it_mwi
tests_it_mwi_SOURCES = tests/it_mwi.c
tests_it_mwi_CFLAGS = $(TEST_CFLAGS)
tests_it_mwi_LDADD = $(IT_LDADD)
TESTS += tests/it_mwi
