// Not used: Benchmarks/run builds only the swift-openapi-generator product of this package.
print("see Benchmarks/run")
