"""`lookout mcp` driven by the official MCP Python SDK (PyPI `mcp`) as a stdio client, and the
same server over the streamable HTTP transport of `lookout serve` at /mcp.

Run by the Rust test `it::mcp` after it has filled a database from the fake status server:
LOOKOUT_BIN is the binary, LOOKOUT_DB the database (Acme: an open incident, API in partial
outage; Beta: an incident resolved), CALM_URL a calm page nobody watches, LIVE_URL a page whose
incident moves one stage on each POST to FAKE_URL/_control/step; SERVE_URL is /mcp of a
`lookout serve --token-file --public` on that database and SERVE_TOKEN its token. Every answer is
checked against the store through the command's own `--json` outputs; Live's changes must reach
a subscribed session (resources/subscribe, and subscriptions/listen of protocol 2026-07-28) under
both transports. Prints "N passed, 0 failed".
"""

import asyncio
import contextlib
import json
import os
import subprocess
import sys

import anyio
from mcp import Client, ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import create_mcp_http_client, streamable_http_client
from mcp import MCPError

BIN = os.environ["LOOKOUT_BIN"]
DB = os.environ["LOOKOUT_DB"]
CALM_URL = os.environ["CALM_URL"]
LIVE_URL = os.environ["LIVE_URL"]
FAKE_URL = os.environ["FAKE_URL"]
SERVE_URL = os.environ["SERVE_URL"]
SERVE_TOKEN = os.environ["SERVE_TOKEN"]
READ_TOOLS = {
    "vendor_status", "is_it_them", "list_providers", "incidents", "incident", "uptime",
    "stats", "maintenance",
}
CHANGING_TOOLS = {"watch", "follow", "snooze"}
checks = 0


def check(condition, what):
    global checks
    if not condition:
        raise AssertionError(what)
    checks += 1


def cli(*args):
    """`lookout ARGS --json` on the same database, parsed."""
    out = subprocess.run([BIN, *args, "--json"], env={**os.environ, "RUST_LOG": "off"},
                         capture_output=True, text=True, check=False)
    return json.loads(out.stdout)


def run(*args):
    """`lookout ARGS` on the same database: it must succeed."""
    done = subprocess.run([BIN, *args], env={**os.environ, "RUST_LOG": "off"},
                          capture_output=True, text=True, check=False)
    check(done.returncode == 0, f"lookout {args}: {done.stderr}")


def server(*flags):
    env = {"LOOKOUT_DB": DB, "RUST_LOG": "off"}
    return StdioServerParameters(command=BIN, args=["mcp", *flags], env=env)


class Updates:
    """The resource-updated notifications a session received."""

    def __init__(self):
        self.uris = []
        self.arrived = anyio.Event()

    async def __call__(self, message):
        note = getattr(message, "root", message)
        if getattr(note, "method", None) == "notifications/resources/updated":
            self.uris.append(str(note.params.uri))
            self.arrived.set()

    async def wait_for(self, uri):
        # A guard against a hang, not a measure of speed.
        with anyio.fail_after(90):
            while uri not in self.uris:
                await self.arrived.wait()
                self.arrived = anyio.Event()


@contextlib.asynccontextmanager
async def over_stdio(*flags, updates=None):
    async with stdio_client(server(*flags)) as (read, write):
        async with ClientSession(read, write, message_handler=updates) as session:
            yield session


@contextlib.asynccontextmanager
async def over_http(updates=None):
    bearer = {"Authorization": f"Bearer {SERVE_TOKEN}"}
    async with create_mcp_http_client(headers=bearer) as client:
        async with streamable_http_client(SERVE_URL, http_client=client) as (read, write):
            async with ClientSession(read, write, message_handler=updates) as session:
                yield session


async def answer(session, tool, arguments):
    result = await session.call_tool(tool, arguments)
    check(not result.is_error, f"{tool} {arguments} failed: {result.content}")
    # The text block is the same JSON, for clients that read only text.
    check(json.loads(result.content[0].text) == result.structured_content, f"{tool}: text")
    return result.structured_content


async def refusal(session, tool, arguments):
    result = await session.call_tool(tool, arguments)
    check(result.is_error, f"{tool} {arguments} should be refused")
    return json.loads(result.content[0].text)


async def tools_listed(session, expected):
    tools = (await session.list_tools()).tools
    check({t.name for t in tools} == expected, f"tools: {[t.name for t in tools]}")
    for t in tools:
        check(t.input_schema.get("type") == "object", f"{t.name}: input schema")
        check((t.output_schema or {}).get("type") == "object", f"{t.name}: output schema")
        check(len(t.description or "") > 60, f"{t.name}: a description a model can act on")


async def providers_and_status(session, served):
    listed = await answer(session, "list_providers", {})
    # Under serve, its engine may write a read meanwhile: the same providers, at least.
    rows = cli("list")
    if served:
        rows, listed["providers"] = [r["id"] for r in rows], [p["id"] for p in listed["providers"]]
    check(listed["providers"] == rows, "list_providers is `lookout list --json`")
    acme = await answer(session, "vendor_status", {"name_or_url": "acme"})
    check(acme["watched"] and acme["status"] == "partial_outage", f"Acme: {acme}")
    check([c["name"] for c in acme["affected_components"]] == ["API"], "Acme's API")
    check(acme["affected_components"][0]["status"] == "partial_outage", "API in partial outage")
    stored = cli("incidents", "--provider", "Acme", "--active")
    check(len(acme["open_incidents"]) == 1 == len(stored), "one open incident")
    open_incident = acme["open_incidents"][0]
    check(open_incident["latest_update"] == stored[0]["updates"][-1], "its latest update")
    check(acme["last_read"] is not None, "last read")
    calm = await answer(session, "vendor_status", {"name_or_url": CALM_URL})
    check(not calm["watched"] and calm["provider_id"] is None, "a page not watched")
    check(calm["status"] == "operational" and "read live" in calm["source"], f"{calm}")
    return acme, stored[0]


async def is_it_them(session, incident):
    trouble = await answer(session, "is_it_them", {})
    check([t["vendor"]["name"] for t in trouble["troubled"]] == ["Acme"], f"{trouble}")
    check(trouble["troubled"][0]["since"] == incident["started_at"], "since its incident began")
    check(trouble["checked"] == 2, "both watched providers checked")
    calm = await answer(session, "is_it_them", {"services": ["Beta", "Stripe"]})
    check(calm["troubled"] == [], "Beta is fine")
    check(calm["summary"].startswith("Nothing you depend on is reported broken"), calm["summary"])
    check(calm["not_watched"] == ["Stripe"], "Stripe is not watched")


async def incidents(session, acme, incident):
    listed = await answer(session, "incidents", {"provider": "Acme", "state": "open"})
    check(listed["incidents"] == [incident] and not listed["more"], "incidents: as the CLI's")
    every = await answer(session, "incidents", {"limit": 1})
    check(len(every["incidents"]) == 1 and every["more"], "a limit, and more said")
    one = await answer(session, "incident", {"provider": "Acme", "id": incident["id"]})
    check(one["incident"] == incident, "the whole timeline, as stored")
    check([p["status"] for p in one["phases"]] == ["investigating", "identified"], "phases")
    check(one["phases"][0]["seconds"] == 600, "investigating for 10 minutes")
    check(one["affected_components"][0]["status"] == "partial_outage", "API at its worst")
    uri = f"lookout://incidents/{acme['provider_id']}/{incident['id']}"
    read = await session.read_resource(uri)
    check(json.loads(read.contents[0].text) == incident, "the incident's resource")


async def history(session):
    uptime = await answer(session, "uptime", {"provider": "Beta", "days": 7})
    stored = cli("uptime", "--provider", "Beta", "--days", "7")
    seconds = [c["seconds"] for c in uptime["providers"][0]["components"]]
    check(seconds == [c["seconds"] for c in stored["providers"][0]["components"]], "uptime")
    check(seconds[0]["partial_outage"] == 1200, "Beta's API: 20 minutes in partial outage")
    stats = await answer(session, "stats", {"provider": "Beta", "days": 7})
    check(stats == cli("stats", "--provider", "Beta", "--days", "7"), "stats")
    planned = await answer(session, "maintenance", {"days": 30})
    check(isinstance(planned["maintenances"], list), "maintenance")
    acme = await answer(session, "maintenance", {"provider": "Acme", "days": 30})
    check(all(m["provider"] == "Acme" for m in acme["maintenances"]), "Acme's maintenance")
    nobody = await refusal(session, "maintenance", {"provider": "Nobody"})
    check(nobody["code"] == "unknown_provider", f"{nobody}")


async def resources_and_refusals(session, acme, served):
    listed = (await session.list_resources()).resources
    check(f"lookout://providers/{acme['provider_id']}" in [str(r.uri) for r in listed], "listed")
    templates = (await session.list_resource_templates()).resource_templates
    check({t.uri_template for t in templates} == {
        "lookout://providers/{id}", "lookout://incidents/{provider}/{id}"}, "templates")
    read = await session.read_resource(f"lookout://providers/{acme['provider_id']}")
    detail = json.loads(read.contents[0].text)
    check(detail["name"] == "Acme" and len(detail["components"]) == 3, "the provider's resource")
    unknown = await refusal(session, "vendor_status", {"name_or_url": "Githib"})
    check(unknown["code"] == "unknown_vendor" and "GitHub" in unknown["message"], f"{unknown}")
    dead = "http://127.0.0.1:9/status"
    unread = await refusal(session, "vendor_status", {"name_or_url": dead})
    checked = cli("check", dead)
    check(unread["code"] == "unreadable_page", f"{unread}")
    check(unread["message"].endswith(checked["error"]), f"check's words: {unread}")
    try:
        await session.call_tool("watch", {"name_or_url": CALM_URL})
        check(False, "watch is refused without --allow-changes")
    except MCPError as error:
        check("--allow-changes" in str(error), f"{error}")
        check(("/mcp offers only the reading tools" in str(error)) == served, f"{error}")


async def read_only(connected, served):
    async with connected as session:
        info = await session.initialize()
        check(info.server_info.name == "lookout", "the server's name")
        await tools_listed(session, READ_TOOLS)
        acme, incident = await providers_and_status(session, served)
        await is_it_them(session, incident)
        await incidents(session, acme, incident)
        await history(session)
        await resources_and_refusals(session, acme, served)
        return acme, incident


async def refused_without_the_token():
    """/mcp asks for the token as the API does, `--public` or not."""
    hello = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {},
        "clientInfo": {"name": "test", "version": "1"}}}
    kinds = {"Accept": "application/json, text/event-stream"}
    for headers in [kinds, {**kinds, "Authorization": "Bearer wrong"}]:
        async with create_mcp_http_client(headers=headers) as client:
            answer_ = await client.post(SERVE_URL, json=hello)
            check(answer_.status_code == 401, f"without the token: {answer_.status_code}")
            check(answer_.json()["code"] == "unauthorized", answer_.text)
            check(SERVE_TOKEN not in answer_.text, "the token never said")


async def next_stage(*controls):
    """Live's page moves on (POST /_control/...), and a poll stores it."""
    async with create_mcp_http_client() as client:
        for control in controls:
            moved = await client.post(f"{FAKE_URL}/_control/{control}")
            check(moved.status_code == 200, moved.text)
    run("poll")


async def listened(connected, live_id, *controls):
    """Protocol 2026-07-28: `subscriptions/listen` on Live is told of its next stage stored."""
    async with Client(connected) as client:
        check(client.protocol_version == "2026-07-28", f"{client.protocol_version}")
        uri = f"lookout://providers/{live_id}"
        async with client.listen(resource_subscriptions=[uri, "https://example.com/"]) as sub:
            check(sub.honored.resource_subscriptions == [uri], f"honored: {sub.honored}")
            await next_stage(*controls)
            # A guard against a hang, not a measure of speed.
            with anyio.fail_after(90):
                async for event in sub:
                    check(event.uri == uri, f"{event}")
                    break


async def updated_on_change(connected, updates, live_id, incident_of_stage):
    """Subscribed to Live and to its incident: a poll that stores its next stage notifies both."""
    async with connected as session:
        await session.initialize()
        provider_uri = f"lookout://providers/{live_id}"
        await session.subscribe_resource(provider_uri)
        incident_uri = None
        if incident_of_stage:
            incident_uri = f"lookout://incidents/{live_id}/{incident_of_stage}"
            await session.subscribe_resource(incident_uri)
        try:
            await session.subscribe_resource("https://example.com/")
            check(False, "a URI that is not Lookout's is refused")
        except MCPError as error:
            check("no such resource" in str(error), f"{error}")
        await next_stage("step")
        await updates.wait_for(provider_uri)
        if incident_uri:
            await updates.wait_for(incident_uri)
        check(set(updates.uris) <= {provider_uri, incident_uri}, f"only those: {updates.uris}")


async def subscriptions():
    run("add", LIVE_URL, "--name", "Live")
    run("poll")
    live = [p for p in cli("list") if p["name"] == "Live"][0]
    # Stage 0 -> 1 (an incident opens) under stdio, read from the ledger the poll wrote.
    stdio_updates = Updates()
    await updated_on_change(over_stdio(updates=stdio_updates), stdio_updates, live["id"], None)
    opened = cli("incidents", "--provider", "Live", "--active")
    check(len(opened) == 1, f"Live's incident: {opened}")
    # Stage 1 -> 2 (its next update) over HTTP, signalled by serve's engine.
    http_updates = Updates()
    await updated_on_change(over_http(http_updates), http_updates, live["id"], opened[0]["id"])
    # Stage 2 -> 3 (resolved) by listening under stdio; another incident opening, over HTTP.
    await listened(server(), live["id"], "step")
    bearer = {"Authorization": f"Bearer {SERVE_TOKEN}"}
    async with create_mcp_http_client(headers=bearer) as client:
        await listened(streamable_http_client(SERVE_URL, http_client=client), live["id"],
                       "next-incident", "step")


async def changes(acme, incident):
    async with over_stdio("--allow-changes") as session:
        await session.initialize()
        await tools_listed(session, READ_TOOLS | CHANGING_TOOLS)
        added = await answer(session, "watch", {"name_or_url": CALM_URL})
        shown = [p for p in cli("list") if p["id"] == added["id"]]
        check(len(shown) == 1 and shown[0]["url"] == added["url"], "watched, and listed")
        again = await refusal(session, "watch", {"name_or_url": CALM_URL})
        check(again["code"] == "already_watched", f"{again}")
        followed = await answer(session, "follow", {"provider": "Acme", "id": incident["id"]})
        check(followed["followed"], "followed")
        snoozed = await answer(session, "snooze", {"provider": "Acme", "length": "1h"})
        check(snoozed["snoozed_until"] is not None, "snoozed")
        wrong = await refusal(session, "snooze", {"provider": "Nobody", "length": "1h"})
        check(wrong["code"] == "unknown_provider", f"{wrong}")


async def main():
    acme, incident = await read_only(over_stdio(), served=False)
    await refused_without_the_token()
    await read_only(over_http(), served=True)
    await changes(acme, incident)
    await subscriptions()
    print(f"{checks} passed, 0 failed")


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except AssertionError as failure:
        print(f"FAILED after {checks} checks: {failure}", file=sys.stderr)
        sys.exit(1)
