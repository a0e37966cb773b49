//! Benchmarks (filled in with the pose pipeline).
fn main() {}
