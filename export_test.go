package tradeflow

// BlockSize sets the size of the blocks a read parses in parallel, so that
// tests can cut a small file into many blocks.
var BlockSize = blockSize
