# Benchmarks, built on request (make bench).
EXTRA_PROGRAMS = bench/media
bench_media_SOURCES = bench/media.c bench/media_bench.h bench/media_bounds.c \
	bench/media_peer_proc.c bench/media_probe.c bench/media_wire.c tests/check_media_peer.c tests/check_media_peer.h
bench_media_CFLAGS = $(TEST_CFLAGS)
bench_media_LDADD = $(IT_LDADD)
# libnice before libsofia-sip-ua (symbol clash, see src/media/local.mk).
bench_media_LDFLAGS = $(AM_LDFLAGS)
CLEANFILES = $(EXTRA_PROGRAMS)

.PHONY: bench
bench: bench/media$(EXEEXT)
