# `lookout serve` in a container: your vendors' status page, API, feeds, calendar, badges and live
# events for a team, run as an unprivileged user. The database lives in the volume
# /var/lib/lookout; the token is a file mounted at /run/secrets/lookout-token (a listening address
# other machines reach is refused without one). See the README, "For a team".
#
#   docker build -t lookout .
#   docker run -d --name lookout -p 8787:8787 -v lookout-data:/var/lib/lookout \
#     -v "$PWD/serve-token:/run/secrets/lookout-token:ro" lookout
#   docker run --rm -v lookout-data:/var/lib/lookout -v "$PWD/team.toml:/etc/lookout/team.toml:ro" \
#     --entrypoint lookout lookout config apply /etc/lookout/team.toml

FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
# The command alone: no WebKit, no desktop app. SQLite is built in, TLS is rustls with its own
# roots, so the program needs nothing at run time but the C library.
RUN cargo build --release --locked -p lookout-cli \
 && install -m 0755 target/release/lookout /usr/local/bin/lookout

FROM debian:12-slim
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/lookout --create-home \
      --shell /usr/sbin/nologin lookout
COPY --from=build /usr/local/bin/lookout /usr/local/bin/lookout
USER 10001:10001
ENV LOOKOUT_DB=/var/lib/lookout/lookout.db
VOLUME ["/var/lib/lookout"]
EXPOSE 8787
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/lookout", "serve", "--listen", "0.0.0.0:8787", "--token-file", "/run/secrets/lookout-token"]
