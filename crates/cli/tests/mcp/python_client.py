"""`lookout mcp` driven by the official MCP Python SDK (PyPI `mcp`) as a stdio client.

Run by the Rust test `it::mcp` after it has filled a database from the fake status server:
LOOKOUT_BIN is the binary, LOOKOUT_DB the database (Acme: an open incident, API in partial
outage; Beta: an incident resolved), CALM_URL a calm page nobody watches. Every answer is checked
against the store through the command's own `--json` outputs. Prints "N passed, 0 failed".
"""

import asyncio
import json
import os
import subprocess
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp import MCPError

BIN = os.environ["LOOKOUT_BIN"]
DB = os.environ["LOOKOUT_DB"]
CALM_URL = os.environ["CALM_URL"]
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


def server(*flags):
    env = {"LOOKOUT_DB": DB, "RUST_LOG": "off"}
    return StdioServerParameters(command=BIN, args=["mcp", *flags], env=env)


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


async def providers_and_status(session):
    listed = await answer(session, "list_providers", {})
    check(listed["providers"] == cli("list"), "list_providers is `lookout list --json`")
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


async def resources_and_refusals(session, acme):
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


async def read_only():
    async with stdio_client(server()) as (read, write):
        async with ClientSession(read, write) as session:
            info = await session.initialize()
            check(info.server_info.name == "lookout", "the server's name")
            await tools_listed(session, READ_TOOLS)
            acme, incident = await providers_and_status(session)
            await is_it_them(session, incident)
            await incidents(session, acme, incident)
            await history(session)
            await resources_and_refusals(session, acme)
            return acme, incident


async def changes(acme, incident):
    async with stdio_client(server("--allow-changes")) as (read, write):
        async with ClientSession(read, write) as session:
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
    acme, incident = await read_only()
    await changes(acme, incident)
    print(f"{checks} passed, 0 failed")


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except AssertionError as failure:
        print(f"FAILED after {checks} checks: {failure}", file=sys.stderr)
        sys.exit(1)
