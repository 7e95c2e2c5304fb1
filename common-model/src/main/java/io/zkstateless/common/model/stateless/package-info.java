/**
 * EIP-8025 stateless guest input and output: the {@link
 * io.zkstateless.common.model.stateless.NewPayloadRequest} built from a block ({@link
 * io.zkstateless.common.model.stateless.NewPayloadRequestBuilder}), the witness, the {@link
 * io.zkstateless.common.model.stateless.StatelessInput} a zkVM guest reads and the {@link
 * io.zkstateless.common.model.stateless.StatelessValidationResult} it commits.
 *
 * <p>Three SSZ layouts are in circulation and none is compatible with another; {@link
 * io.zkstateless.common.model.stateless.StatelessSchemaRevision} names them:
 *
 * <ul>
 *   <li>{@code EEST_V0_3_3}: the execution-spec-tests zkevm v0.3.3 fixtures. Bounded lists, no
 *       schema-id prefix, 41-byte output. Verified byte for byte on every recorded fixture block.
 *   <li>{@code AMSTERDAM_1501}: execution-specs {@code 3f042e0b}, ere-guests v0.17.0. Progressive
 *       payload and requests, {@code 0x1501} stdin prefix, 43-byte output (256 zero-padded for
 *       OpenVM and ZisK).
 *   <li>{@code AMSTERDAM_1501_FORK_CONFIG}: execution-specs {@code 19f7bdea}. Same request,
 *       bounded witness, chain config with fork activation, output without schema id.
 * </ul>
 */
package io.zkstateless.common.model.stateless;
