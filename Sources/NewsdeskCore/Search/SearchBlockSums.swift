/// The shard sums of one block of documents (`SearchIndexBuilder.blockLength`) with the digest
/// of their inputs (`SearchIndexBuilder.inputsDigest`), kept in the build cache: the next build
/// reuses the sums of every block whose inputs digest the same, and sums the others' postings.
struct SearchBlockSums: Sendable, Equatable {
    var inputs: UInt64
    /// Each shard's sum of posting digests over the block's documents.
    var sums: [UInt64]
}

/// One language's blocks, in document order.
struct SearchBlocks: Sendable, Equatable {
    var blocks: [SearchBlockSums] = []

    /// The sums of block `index` when its inputs still digest to `inputs` and it has one sum
    /// per shard of `shardCount`.
    func sums(ofBlock index: Int, inputs: UInt64, shardCount: Int) -> [UInt64]? {
        guard index < blocks.count, blocks[index].inputs == inputs, blocks[index].sums.count == shardCount else { return nil }
        return blocks[index].sums
    }
}
