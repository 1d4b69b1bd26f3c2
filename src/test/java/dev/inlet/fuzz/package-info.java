/**
 * Jazzer fuzz targets for everything that parses bytes from the network, one class per parser, named
 * {@code <Parser>FuzzTest}, each with a single {@code @FuzzTest void fuzz(byte[])} method (or a
 * {@code FuzzedDataProvider} where the input needs structure).
 *
 * <p>Contract checked by every target ({@link dev.inlet.fuzz.FuzzContract}): the parser returns or throws its
 * documented exception, {@code RtmpProtocolException} for rtmp and {@code MediaFormatException} for media; anything
 * else escaping is a finding.
 *
 * <p>Inputs: {@code src/test/resources/dev/inlet/fuzz/<Target>Inputs/fuzz/} holds {@code seed-*} files written by
 * {@link dev.inlet.fuzz.SeedCorpusWriter} from the real captures, and {@code crash-*} files, the inputs of past
 * findings. Every test run replays them all (Jazzer's regression mode).
 *
 * <p>Fuzzing: {@code mvn -f src/pom.xml test} fuzzes every target for {@code fuzz.seconds} (3) in a JVM of its
 * own after the ordinary tests; {@code -Pfuzz} makes that 300 s; {@code -Dfuzz.targets=Amf0Reader} (a surefire
 * class pattern before "FuzzTest") picks targets. The generated corpus and new {@code crash-*} files land in
 * {@code src/target/fuzz/}; once the parser is fixed, move the crash into the target's Inputs directory.
 *
 * <p>Adding a target: write the class here, add a few seeds to {@code SeedCorpusWriter} (or drop files into
 * {@code <Target>Inputs/fuzz/} by hand); the build picks it up by its name, nothing else to register.
 */
package dev.inlet.fuzz;
