// The shared test support (cluster, databases, fixtures, spawning), visible in every file of
// this target: tests written on other branches use its names without importing it.
@_exported import JixiaoTestSupport
