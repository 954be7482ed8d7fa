// The preview allocates through mimalloc too: its rebuilds are builds (see
// Sources/newsdesk/Allocator.swift for why, and how importing the module is enough).
import CMimalloc
