// Generated from Lookout's Rust types by crates/desktop/tests/it/ui_types.rs (ts-rs): do not edit.
// Regenerate it with: UPDATE_UI_TYPES=1 cargo test -p lookout-desktop ui_types
// What the window's commands answer and accept, and what its events carry
// (docs/app-commands.md); `tsc -p ui` checks ui/js against it.

/**
 * What the window sends to add a probe (defaults as for `lookout probe add`).
 */
export type AddProbe = {
/**
 * The URL to request (http or https).
 */
url: string,
/**
 * The status expected: `2xx` (default) or a code such as `204`.
 */
expect?: string | null,
/**
 * Text the answer must hold.
 */
contains?: string | null,
/**
 * Seconds between runs (default 30, at least 10).
 */
every_secs?: number | null,
/**
 * Seconds before a run counts as failed (default 10).
 */
timeout_secs?: number | null, };

/**
 * What the window sends to add a provider.
 */
export type AddProvider = {
/**
 * The preview's base URL.
 */
url: string,
/**
 * Display name.
 */
name: string,
/**
 * The preview's platform word.
 */
platform: string,
/**
 * Components to watch; empty for all.
 */
component_ids: Array<string>,
/**
 * Seconds between polls (the default setting when absent).
 */
poll_interval_secs: number | null, };

/**
 * The global alert settings.
 */
export type AlertSettings = {
/**
 * Which changes alert, unless a provider's rules say otherwise.
 */
events: EventChoices,
/**
 * Nothing alerts until then.
 */
paused_until: string | null,
/**
 * Quiet hours, if any.
 */
quiet_hours: QuietHours | null,
/**
 * How many minutes before a watched component's maintenance starts its reminder is sent
 * (default 60).
 */
remind_before_minutes: number, };

/**
 * One badge: a state the user set on a provider.
 */
export type Badge = {
/**
 * What it stands for.
 */
kind: BadgeKind,
/**
 * Short words for a row: "snoozed · 7 h left", "following", "muted", "paused · 2 h left".
 */
label: string,
/**
 * The time left ("7 h left", "until resolved"); `null` when it does not end by itself.
 */
left: string | null,
/**
 * One sentence saying what it means ("Alerts snoozed: 7 h left").
 */
detail: string, };

/**
 * What a badge stands for.
 */
export type BadgeKind = "snoozed" | "followed" | "muted" | "paused";

/**
 * Incidents by impact.
 */
export type ByImpact = {
/**
 * No impact given.
 */
none: number,
/**
 * Minor.
 */
minor: number,
/**
 * Major.
 */
major: number,
/**
 * Critical.
 */
critical: number,
/**
 * Maintenance.
 */
maintenance: number, };

/**
 * A catalogue category to browse, with how many services it holds.
 */
export type CatalogCategory = {
/**
 * Its name (`auth`, `cloud & CDN`…), as `catalog_category` takes it.
 */
name: string,
/**
 * How many services it holds (never 0).
 */
count: number, };

/**
 * A catalogue entry for the "Add a service" view.
 */
export type CatalogEntry = {
/**
 * Display name (`GitHub`).
 */
name: string,
/**
 * Its status page (or feed).
 */
url: string,
/**
 * Platform word (`statuspage`…).
 */
platform: string,
/**
 * Platform name for people (`Atlassian Statuspage`, `Google Cloud`…).
 */
platform_label: string,
/**
 * What kind of service it is (`code hosting & CI`…).
 */
category: string,
/**
 * Why it cannot be watched and what to do instead, when its vendor publishes nothing
 * Lookout reads (then it cannot be added); `null` when it can be watched.
 */
reason: string | null, };

/**
 * A command's failure as the window receives it: `{"code": "...", "message": "..."}`.
 */
export type CommandError = {
/**
 * One of `invalid_input`, `not_found`, `detection_failed`, `delivery_failed`, `storage`,
 * `internal`.
 */
code: string,
/**
 * A sentence for the user.
 */
message: string, };

/**
 * A run of components under one group heading (`name` is `None` for top-level components).
 */
export type ComponentGroup = {
/**
 * The group's name.
 */
name: string | null,
/**
 * Worst status of its components.
 */
status: ComponentStatus,
/**
 * Its components, in page order.
 */
components: Array<ComponentView>, };

/**
 * One of Lookout's `ComponentStatus` words, or a vendor's own word kept as it came.
 */
export type ComponentStatus = "operational" | "under_maintenance" | "unknown" | "degraded_performance" | "partial_outage" | "major_outage" | (string & {});

/**
 * One component over the window.
 */
export type ComponentUptime = {
/**
 * The vendor's id.
 */
id: string,
/**
 * Its name.
 */
name: string,
/**
 * Its group, if any.
 */
group: string | null,
/**
 * Time not in partial or major outage ÷ time known, in percent (3 decimals); `null` when
 * nothing of the window is known.
 */
uptime_percent: number | null,
/**
 * Seconds in each status but operational.
 */
seconds: StatusSeconds,
/**
 * Each day of the window, oldest first, ending today.
 */
days: Array<DayStatus>, };

/**
 * One component.
 */
export type ComponentView = {
/**
 * Vendor id.
 */
id: string,
/**
 * Name.
 */
name: string,
/**
 * Current status.
 */
status: ComponentStatus,
/**
 * Whether it counts for the provider's status and notifications.
 */
watched: boolean, };

/**
 * How much a service matters to its team: it orders the services (high first) and labels
 * the metrics, so the team's own alerting can page for one and not another.
 */
export type Criticality = "high" | "normal" | "low";

/**
 * An incident in a day's list.
 */
export type DayIncident = {
/**
 * The vendor's id.
 */
id: string,
/**
 * Its title (vendor text: shown as text).
 */
title: string,
/**
 * How long it lasted; `null` while open.
 */
duration_seconds: number | null, };

/**
 * One local day's worst status.
 */
export type DayStatus = {
/**
 * `YYYY-MM-DD`.
 */
date: string,
/**
 * The worst status of the day's known time (`unknown` when none of it is known).
 */
worst: ComponentStatus, };

/**
 * One row of the delivery log, with its destination's name.
 */
export type DeliveryRow = {
/**
 * "Desktop notifications" or the sink's name.
 */
sink_name: string,
/**
 * The delivery id.
 */
id: string,
/**
 * The ledger's sink name.
 */
sink: string,
/**
 * What it said.
 */
title: string,
/**
 * `pending`, `sent` or `failed`.
 */
state: string,
/**
 * Attempts made.
 */
attempts: number,
/**
 * Why the last attempt failed.
 */
last_error: string | null,
/**
 * When the next attempt is due (pending only).
 */
next_attempt_at: string | null,
/**
 * When it was queued.
 */
created_at: string,
/**
 * Last change.
 */
updated_at: string, };

/**
 * A provider a service uses, optionally narrowed to components and regions.
 */
export type Dependency = {
/**
 * The provider's name, as Lookout stores it (ASCII case ignored).
 */
provider: string,
/**
 * Component or group names on its page (ASCII case ignored); the whole provider when empty.
 */
components?: Array<string>,
/**
 * Regions as the vendor names them in components' or groups' names (`us-east-1`): only
 * the components whose name or group holds one of them.
 */
regions?: Array<string>, };

/**
 * One vendor part a service uses, as it stands.
 */
export type DependencyState = {
/**
 * The provider's name.
 */
provider: string,
/**
 * The component's name (`Group / Name` inside a group); `None` for the whole provider.
 */
component: string | null,
/**
 * Its status (`unknown` when the provider's page cannot be believed).
 */
status: ComponentStatus,
/**
 * Whether Lookout's probes suspect the provider.
 */
suspected: boolean, };

/**
 * Which kinds of change alert.
 */
export type EventChoices = {
/**
 * A new incident.
 */
incident_opened: boolean,
/**
 * Each new update of an incident.
 */
incident_updated: boolean,
/**
 * An incident is over.
 */
incident_resolved: boolean,
/**
 * A maintenance is announced.
 */
maintenance_scheduled: boolean,
/**
 * A maintenance starts soon (a reminder, [`AlertSettings::remind_before_minutes`] ahead).
 */
maintenance_soon: boolean,
/**
 * A maintenance starts.
 */
maintenance_started: boolean,
/**
 * A maintenance ends.
 */
maintenance_completed: boolean,
/**
 * A component changes status (incidents usually say more).
 */
component_changed: boolean,
/**
 * A page cannot be read for long enough to be unknown.
 */
provider_unreachable: boolean,
/**
 * A page that was unknown reads again.
 */
provider_recovered: boolean,
/**
 * Lookout's own probes fail while the page says all is well.
 */
suspected_outage: boolean,
/**
 * The probes of a suspected provider pass again.
 */
suspected_cleared: boolean, };

/**
 * Where "Export CSV" wrote, and how many incidents.
 */
export type ExportedFile = {
/**
 * The file chosen in the save dialog.
 */
path: string,
/**
 * How many incidents it holds.
 */
incidents: number, };

/**
 * What a project folder suggests.
 */
export type FolderSuggestions = {
/**
 * The folder chosen, as the system names it.
 */
folder: string,
/**
 * The catalogue's vendors its manifests depend on, by name.
 */
vendors: Array<FolderVendor>,
/**
 * What was left unread and why (a file too large, a manifest that is not valid…).
 */
notes: Array<string>, };

/**
 * One vendor a project depends on.
 */
export type FolderVendor = {
/**
 * The catalogue entry's name (`Stripe`): what `preview_provider` takes to read its page.
 */
vendor: string,
/**
 * Its status page, as the catalogue has it.
 */
catalogue_url: string,
/**
 * Whether a watched provider is this vendor already.
 */
watching: boolean,
/**
 * Why it cannot be watched (the catalogue's reason), when its vendor publishes nothing
 * Lookout reads: shown instead of "Watch…".
 */
cannot_watch: string | null,
/**
 * Why, one line a package: "stripe 14.2.0 in package.json" (files under the folder).
 */
why: Array<string>, };

/**
 * Whether the app follows a team's `lookout serve`.
 */
export type FollowingView = {
/**
 * The server's address (its token masked); `None` while watching from this computer.
 */
server: string | null,
/**
 * How many providers the server watches, when it was just checked.
 */
providers: number | null, };

/**
 * One day of the provider's bar.
 */
export type HistoryDay = {
/**
 * `YYYY-MM-DD`, local.
 */
date: string,
/**
 * The worst known status of the watched components that day (`unknown` when nothing of the
 * day is known).
 */
worst: ComponentStatus,
/**
 * The incidents that were open at some time that day.
 */
incidents: Array<DayIncident>, };

/**
 * One of Lookout's `Impact` words, or a vendor's own word kept as it came.
 */
export type Impact = "none" | "minor" | "major" | "critical" | "maintenance" | (string & {});

/**
 * One incident with its timeline.
 */
export type IncidentDetail = {
/**
 * Every update, newest first.
 */
updates: Array<UpdateView>,
/**
 * The components it affects, with their current status.
 */
components: Array<ComponentView>,
/**
 * The user follows it: each update is told whatever the rules say, until it is resolved.
 */
followed: boolean,
/**
 * Provider id.
 */
provider_id: number,
/**
 * Provider name.
 */
provider: string,
/**
 * Vendor id.
 */
id: string,
/**
 * Title.
 */
title: string,
/**
 * Impact.
 */
impact: Impact,
/**
 * Latest status.
 */
status: IncidentStatus,
/**
 * Not over yet.
 */
active: boolean,
/**
 * When it really started.
 */
started_at: string,
/**
 * When it was resolved.
 */
resolved_at: string | null,
/**
 * How long it lasted, or has lasted so far.
 */
duration_seconds: number,
/**
 * When Lookout first saw it.
 */
detected_at: string,
/**
 * The vendor's page for it.
 */
url: string | null,
/**
 * The latest update's text, plain and short.
 */
latest_update: string | null,
/**
 * How long before the vendor's first update Lookout's probes began to fail ("Lookout
 * noticed 17 min before Acme posted"); `null` without a suspicion.
 */
suspected_lead_seconds: number | null, };

/**
 * Which incidents the window asks for.
 */
export type IncidentQuery = {
/**
 * Only this provider.
 */
provider_id?: number | null,
/**
 * `active`, `resolved`, or anything else for both.
 */
state?: string | null,
/**
 * Only titles or provider names containing this text.
 */
text?: string | null,
/**
 * Only incidents whose title or updates hold these words (each a prefix, all required;
 * punctuation only separates), best match first, across every incident ever stored.
 */
search?: string | null,
/**
 * At most this many (default 200).
 */
limit?: number | null, };

/**
 * One incident in a list.
 */
export type IncidentRow = {
/**
 * Provider id.
 */
provider_id: number,
/**
 * Provider name.
 */
provider: string,
/**
 * Vendor id.
 */
id: string,
/**
 * Title.
 */
title: string,
/**
 * Impact.
 */
impact: Impact,
/**
 * Latest status.
 */
status: IncidentStatus,
/**
 * Not over yet.
 */
active: boolean,
/**
 * When it really started.
 */
started_at: string,
/**
 * When it was resolved.
 */
resolved_at: string | null,
/**
 * How long it lasted, or has lasted so far.
 */
duration_seconds: number,
/**
 * When Lookout first saw it.
 */
detected_at: string,
/**
 * The vendor's page for it.
 */
url: string | null,
/**
 * The latest update's text, plain and short.
 */
latest_update: string | null,
/**
 * How long before the vendor's first update Lookout's probes began to fail ("Lookout
 * noticed 17 min before Acme posted"); `null` without a suspicion.
 */
suspected_lead_seconds: number | null, };

/**
 * One of Lookout's `IncidentStatus` words, or a vendor's own word kept as it came.
 */
export type IncidentStatus = "investigating" | "identified" | "monitoring" | "resolved" | "postmortem" | (string & {});

/**
 * The longest resolved incident.
 */
export type LongestIncident = {
/**
 * The vendor's id.
 */
id: string,
/**
 * Its title.
 */
title: string,
/**
 * How long it lasted.
 */
duration_seconds: number, };

/**
 * A maintenance, with its provider.
 */
export type MaintenanceRow = {
/**
 * Provider id.
 */
provider_id: number,
/**
 * Provider name.
 */
provider: string,
/**
 * Vendor id.
 */
id: string,
/**
 * Title.
 */
title: string,
/**
 * Where it stands.
 */
status: MaintenanceStatus,
/**
 * Started and not finished.
 */
in_progress: boolean,
/**
 * Planned start.
 */
scheduled_for: string | null,
/**
 * Planned end.
 */
scheduled_until: string | null,
/**
 * "ends in 2 h" while in progress with a planned end (`null` otherwise).
 */
ends_in: string | null,
/**
 * The names of the components it covers (none named: the vendor did not say).
 */
components: Array<string>,
/**
 * The vendor's page for it.
 */
url: string | null, };

/**
 * One of Lookout's `MaintenanceStatus` words, or a vendor's own word kept as it came.
 */
export type MaintenanceStatus = "scheduled" | "in_progress" | "verifying" | "completed" | (string & {});

/**
 * What is needed to add a sink (its Debug output hides the URL and the secret).
 */
export type NewSink = {
/**
 * `slack`, `discord`, `teams`, `webhook`, `pagerduty`, `opsgenie` or `email`.
 */
kind: string,
/**
 * A name for people (defaults to the kind).
 */
name: string,
/**
 * The webhook URL; for PagerDuty and Opsgenie the API's address (empty: the vendor's
 * own); for e-mail the mail server's URL (`smtps://…?to=ADDR`, see
 * [`crate::email::MailServer::parse`]).
 */
url: string,
/**
 * HMAC key for generic webhooks; the routing key (PagerDuty), the API key (Opsgenie) or
 * the SMTP password (e-mail; else the URL's own password).
 */
secret: string | null, };

/**
 * The overview: every provider and the worst status over them.
 */
export type Overview = {
/**
 * Every provider, worst status first, then by name.
 */
providers: Array<ProviderCard>,
/**
 * The worst status over the providers (`unknown` when nothing is watched).
 */
worst: ComponentStatus,
/**
 * One line saying what is wrong (the tray's tooltip says the same).
 */
summary: string,
/**
 * Nothing is watched yet.
 */
first_run: boolean,
/**
 * Notifications are paused until then.
 */
notifications_paused_until: string | null, };

/**
 * How long to pause notifications.
 */
export type Pause = "hour" | "tomorrow" | "resume";

/**
 * What detection found, for the user to confirm.
 */
export type Preview = {
/**
 * The catalogue's name, else the page's own name, else its host.
 */
name: string,
/**
 * The base URL that will be polled.
 */
url: string,
/**
 * Platform word.
 */
platform: string,
/**
 * Platform name for people.
 */
platform_label: string,
/**
 * What detection found on the way.
 */
notes: Array<string>,
/**
 * The page's components (all watched until the user unticks some).
 */
components: Array<ComponentView>,
/**
 * The page's worst component status right now.
 */
status: ComponentStatus,
/**
 * Incidents open right now.
 */
active_incidents: number, };

/**
 * A probe the catalogue suggests for the provider: a public endpoint its vendor documents.
 */
export type ProbeSuggestion = {
/**
 * The endpoint.
 */
url: string,
/**
 * The status a healthy endpoint answers (`2xx`, `401`…).
 */
expect: string,
/**
 * Text a healthy answer holds, if any.
 */
contains: string | null,
/**
 * Where the vendor documents it (a URL, then a few words).
 */
source: string,
/**
 * The provider probes it already.
 */
probed: boolean, };

/**
 * One probe as the provider page shows it.
 */
export type ProbeView = {
/**
 * Local id.
 */
id: number,
/**
 * What it requests.
 */
url: string,
/**
 * Seconds between runs.
 */
every_secs: number,
/**
 * The status expected (`2xx`, `204`…).
 */
expect: string,
/**
 * Text the answer must hold, if any.
 */
contains: string | null,
/**
 * Seconds before a run counts as failed.
 */
timeout_secs: number,
/**
 * Failures in a row (0 when passing).
 */
failures: number,
/**
 * Why the last run failed.
 */
last_error: string | null,
/**
 * When it last ran (`null`: not yet).
 */
last_run_at: string | null,
/**
 * How long its last answer took.
 */
last_latency_ms: number | null, };

/**
 * One provider as the window shows it.
 */
export type ProviderCard = {
/**
 * Local id.
 */
id: number,
/**
 * Display name.
 */
name: string,
/**
 * Its status page.
 */
url: string,
/**
 * Platform word (`statuspage`…).
 */
platform: string,
/**
 * Platform name for people.
 */
platform_label: string,
/**
 * Worst status over its watched components; `unknown` when it cannot be read.
 */
status: ComponentStatus,
/**
 * The page could not be read for long enough to be unknown.
 */
unreachable: boolean,
/**
 * Why the status is `unknown`: the last error when unreachable, "not read yet", or "last
 * read 14 min ago" when no read succeeded for three intervals.
 */
unknown_reason: string | null,
/**
 * What the last read left out of the page ("1 update ignored: date out of range").
 */
warnings: Array<string>,
/**
 * Why the last poll failed, if it did.
 */
last_error: string | null,
/**
 * Last poll attempt.
 */
last_checked_at: string | null,
/**
 * Last successful poll.
 */
last_success_at: string | null,
/**
 * Seconds between polls.
 */
poll_interval_secs: number,
/**
 * Incidents not yet over, newest first.
 */
active_incidents: Array<IncidentRow>,
/**
 * Maintenances in progress or upcoming.
 */
maintenances: Array<MaintenanceRow>,
/**
 * Components in page order, grouped.
 */
groups: Array<ComponentGroup>,
/**
 * Every component is watched (none chosen).
 */
watched_all: boolean,
/**
 * Lookout's probes fail while the page says operational or degraded: a suspected outage
 * (`null` otherwise).
 */
suspected: SuspectedNow | null,
/**
 * What the user set on it that changes its alerts (snoozed, following, muted, paused).
 */
badges: Array<Badge>, };

/**
 * The history the provider page shows.
 */
export type ProviderHistory = {
/**
 * The provider's id.
 */
provider_id: number,
/**
 * The provider's bar: each day, oldest first, ending today, with the worst status of the
 * components watched and the incidents of that day.
 */
days: Array<HistoryDay>,
/**
 * Each component's uptime, seconds per status and bar.
 */
components: Array<ComponentUptime>,
/**
 * The reliability card.
 */
reliability: ProviderStats, };

/**
 * One provider's rules.
 */
export type ProviderRules = {
/**
 * Which changes alert for this provider (the global choice when `None`).
 */
events: EventChoices | null,
/**
 * Incidents and component changes below this status do not alert (e.g. `partial_outage`
 * ignores degraded performance).
 */
min_severity: ComponentStatus | null,
/**
 * The sinks (`os`, `sink:<id>`) that get this provider's alerts; all when `None`.
 */
sinks: Array<string> | null,
/**
 * Snoozed until then.
 */
snoozed_until: string | null,
/**
 * Snoozed until the provider has no open incident.
 */
snoozed_until_resolved: boolean, };

/**
 * One provider's reliability over the window.
 */
export type ProviderStats = {
/**
 * Local id.
 */
id: number,
/**
 * Display name.
 */
name: string,
/**
 * Incidents that started in the window.
 */
incidents: number,
/**
 * Of those, how many of each impact.
 */
by_impact: ByImpact,
/**
 * Total duration of the resolved ones, in seconds.
 */
total_seconds: number,
/**
 * Their mean duration (`null` when none is resolved).
 */
mean_seconds: number | null,
/**
 * Their median duration (`null` when none is resolved).
 */
median_seconds: number | null,
/**
 * The longest resolved one.
 */
longest: LongestIncident | null,
/**
 * The component with the most time in partial or major outage in the window (`null` when
 * none had any).
 */
worst_component: WorstComponent | null,
/**
 * The median time by which Lookout's probes noticed an incident before the vendor's first
 * update, over the incidents that had one (`null` when none did).
 */
median_lead_seconds: number | null,
/**
 * How long the vendor took to acknowledge trouble Lookout had evidence of (its probes
 * failing, or a component turning non-operational before any incident said so), median
 * over the window's incidents, in seconds (`null` without incidents).
 */
acknowledgement_median_seconds: number | null,
/**
 * The same, 90th percentile (nearest rank).
 */
acknowledgement_p90_seconds: number | null,
/**
 * Suspicions of at least 10 minutes the vendor never posted.
 */
unacknowledged_outages: number,
/**
 * Incidents that named no component.
 */
incidents_without_components: number,
/**
 * `A` (acknowledged within 15 min, nothing left unposted) to `F` (over 4 h, or most
 * outages never posted); `null` with fewer than 3 outages. The rule is in the README.
 */
grade: string | null, };

/**
 * Times of the week when alerts stay quiet, in the user's local time.
 */
export type QuietHours = {
/**
 * The days on which the quiet period starts.
 */
days: Array<"Mon" | "Tue" | "Wed" | "Thu" | "Fri" | "Sat" | "Sun">,
/**
 * Start (local time).
 */
start: string,
/**
 * End (local time); before `start` means the next morning.
 */
end: string,
/**
 * Let major outages through anyway.
 */
allow_major: boolean, };

/**
 * One of your services and what it depends on.
 */
export type ServiceSpec = {
/**
 * Its name, unique (ASCII case ignored).
 */
name: string,
/**
 * How much it matters.
 */
criticality: Criticality,
/**
 * The vendor parts it uses.
 */
depends_on: Array<Dependency>,
/**
 * Alert whenever a change on a part it uses comes, whatever that vendor's own rules say
 * (`alert = true` in the file): "tell me when Checkout is affected".
 */
alert?: boolean, };

/**
 * One service at the time asked.
 */
export type ServiceState = {
/**
 * Its name.
 */
name: string,
/**
 * How much it matters.
 */
criticality: Criticality,
/**
 * Whether any part it uses is in trouble.
 */
affected: boolean,
/**
 * Since when (the earliest start among the parts in trouble now); `None` when not affected.
 */
since: string | null,
/**
 * Every part it uses.
 */
dependencies: Array<DependencyState>,
/**
 * Why it is affected, one per part in trouble: "Stripe API partial outage".
 */
reasons: Array<string>,
/**
 * Dependencies that no longer match the vendor's page (renamed or removed) or a provider
 * no longer watched.
 */
warnings: Array<string>, };

/**
 * Everything the Settings view edits.
 */
export type Settings = {
/**
 * Seconds between polls for providers added from now on.
 */
poll_interval_secs: number,
/**
 * Notify when an incident opens.
 */
notify_incident_opened: boolean,
/**
 * Notify on each new update of an incident.
 */
notify_incident_updated: boolean,
/**
 * Notify when an incident is resolved.
 */
notify_incident_resolved: boolean,
/**
 * Notify when a maintenance starts.
 */
notify_maintenance_started: boolean,
/**
 * Notify when a watched component changes status without an incident post.
 */
notify_component_changed: boolean,
/**
 * Start Lookout when the user logs in.
 */
start_at_login: boolean,
/**
 * No notification until then.
 */
notifications_paused_until: string | null,
/**
 * Check once a week for a newer catalogue of services (not while the app runs with
 * `--offline`).
 */
check_catalogue_weekly: boolean,
/**
 * When the catalogue was last checked (not the form's to change).
 */
catalogue_checked_at: string | null,
/**
 * What that check said: "version 2026120800: 12 services added, 3 moved", or why an update
 * was refused (not the form's to change).
 */
catalogue_check_outcome: string | null,
/**
 * Check once a day for a newer Lookout (never when `LOOKOUT_NO_UPDATE_CHECK=1`).
 */
check_updates_daily: boolean, };

/**
 * A sink as shown to people: never its URL's path nor its secret.
 */
export type SinkView = {
/**
 * Local id.
 */
id: number,
/**
 * `slack`, `discord`, `teams`, `webhook`, `pagerduty`, `opsgenie` or `email`.
 */
kind: string,
/**
 * A name for people.
 */
name: string,
/**
 * The URL's scheme and host only; for e-mail, the mail server and the recipients.
 */
url: string,
/**
 * It has a secret: a webhook's signing key (requests are signed), a PagerDuty routing
 * key, an Opsgenie API key or an SMTP password.
 */
has_secret: boolean,
/**
 * The secret, masked: `••••` and its last four characters (only `••••` for a secret shorter
 * than 12 characters, whose last four would give too much away).
 */
secret_hint: string | null,
/**
 * It receives alerts.
 */
enabled: boolean,
/**
 * When it was added.
 */
created_at: string, };

/**
 * The payload of the `status-changed` event the window listens to (it then re-reads through
 * its commands): the worst watched status now.
 */
export type StatusChanged = {
/**
 * A status word (`operational`, `partial_outage`, `unknown`…).
 */
worst: string, };

/**
 * Seconds in each status but operational.
 */
export type StatusSeconds = {
/**
 * Degraded performance.
 */
degraded_performance: number,
/**
 * Partial outage.
 */
partial_outage: number,
/**
 * Major outage.
 */
major_outage: number,
/**
 * Under maintenance.
 */
under_maintenance: number,
/**
 * Not known (before history, or the page unread).
 */
unknown: number, };

/**
 * An open suspicion, as `lookout list --json` shows it.
 */
export type SuspectedNow = {
/**
 * When the streak that raised it began.
 */
since: string,
/**
 * How many of the provider's probes fail now.
 */
failing_probes: number,
/**
 * Why the latest failure failed.
 */
last_error: string | null, };

/**
 * A check's answer, for the Settings view, the tray and the log.
 */
export type UpdateCheck = {
/**
 * What the check found.
 */
outcome: UpdateOutcome,
/**
 * The running version.
 */
current_version: string,
/**
 * The newer version (when available).
 */
version: string | null,
/**
 * The manifest's notes, plain text (when available).
 */
notes: string | null,
/**
 * One sentence for the user.
 */
message: string, };

/**
 * A component as one update describes it.
 */
export type UpdateComponentView = {
/**
 * Vendor id.
 */
id: string,
/**
 * Name.
 */
name: string,
/**
 * Status in that update.
 */
status: ComponentStatus, };

/**
 * What a check found, or why it could not say.
 */
export type UpdateOutcome = "available" | "up_to_date" | "package_manager" | "failed";

/**
 * One post on an incident's timeline.
 */
export type UpdateView = {
/**
 * Vendor id.
 */
id: string,
/**
 * Status this update set.
 */
status: IncidentStatus,
/**
 * When it was posted.
 */
at: string,
/**
 * The text as sanitised HTML.
 */
body_html: string,
/**
 * Components named in this update, with the status it gave them.
 */
components: Array<UpdateComponentView>, };

/**
 * A provider already watched, named by what the user typed in "Add a service".
 */
export type Watching = {
/**
 * Its id (its page is `#/provider/<id>`).
 */
id: number,
/**
 * Its name.
 */
name: string, };

/**
 * The component down longest.
 */
export type WorstComponent = {
/**
 * Its name.
 */
name: string,
/**
 * Seconds in partial or major outage.
 */
seconds: number, };
