# Benchmarks, built on request (make bench).
