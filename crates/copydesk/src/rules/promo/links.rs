//! Link destinations: which ones pay the outlet (affiliate networks and
//! affiliate parameters), which ones were bought (ad click ids, paid-channel
//! campaign tags), and what the clean link would be.
//!
//! Destinations are parsed with the `url` crate and judged by host, path and
//! decoded query parameters, never by substring: `ftag=` on cbsnews.com is not
//! an Amazon `tag=`, and `tag=` counts only on Amazon's own hosts. The tables
//! are the data files `data/promo/{affiliate_hosts,affiliate_params,
//! tracking_params,paid_channels,stores}.txt`.

use std::borrow::Cow;
use std::sync::LazyLock;

use url::Url;

use super::lexicon::{build, Regex};
use crate::lexicon::{fields, section};

/// What kind of money a link carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// Through an affiliate network, or with an affiliate id: the outlet is
    /// paid per sale. Needs a disclosure.
    Affiliate,
    /// Tagged as bought traffic (an ad click id, `utm_source=taboola`).
    PaidTracking,
}

/// Why a destination is a promotion, in the newsroom's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkVerdict {
    pub kind: LinkKind,
    /// "Amazon Associates link (tag=kitchenpicks-20)", "Skimlinks redirect
    /// to bestbuy.com".
    pub message: String,
}

/// Judge a link destination; `None` for a clean link or one that does not
/// parse as an http(s) URL.
pub fn judge(raw: &str) -> Option<LinkVerdict> {
    judge_with(raw, &LinkExtras::default())
}

/// [`judge`] with a newsroom's additions: its own domains are never
/// promotions; its affiliate domains and parameters are.
pub fn judge_with(raw: &str, extras: &LinkExtras) -> Option<LinkVerdict> {
    let url = parse(raw)?;
    let host = host_of(&url)?;
    if extras.own.iter().any(|d| under(&host, d)) {
        return None;
    }
    if let Some(net) = TABLES.network_with(extras, &host, url.path()) {
        let message = match destination(&url, net).and_then(|d| parse(&d)) {
            Some(dest) => match host_of(&dest) {
                Some(h) => format!("{} redirect to {}", net.name, display_host(&h)),
                None => hidden(net, &host),
            },
            None => hidden(net, &host),
        };
        return Some(LinkVerdict {
            kind: LinkKind::Affiliate,
            message,
        });
    }
    if let Some((id, label)) = TABLES.path_id(&host, url.path()) {
        return Some(LinkVerdict {
            kind: LinkKind::Affiliate,
            message: format!("{label} link ({id})"),
        });
    }
    let pairs: Vec<(Cow<'_, str>, Cow<'_, str>)> = url.query_pairs().collect();
    for p in TABLES
        .affiliate_params
        .iter()
        .chain(&extras.params)
        .filter(|p| !p.strip_only)
    {
        if !TABLES.on_store(p.store.as_deref(), &host) {
            continue;
        }
        if p.weak && !TABLES.campaigned(pairs.iter().map(|(k, _)| k.as_ref())) {
            continue;
        }
        if let Some((k, v)) = pairs.iter().find(|(k, v)| p.matches(k, v)) {
            return Some(LinkVerdict {
                kind: LinkKind::Affiliate,
                message: format!("{} link ({})", p.label, show_pair(k, v)),
            });
        }
    }
    if let Some((k, _)) = pairs.iter().find(|(k, _)| {
        TABLES
            .tracking
            .iter()
            .any(|t| t.kind == TrackKind::Ad && t.name.matches(k))
    }) {
        return Some(LinkVerdict {
            kind: LinkKind::PaidTracking,
            message: format!("Ad-click tracking link ({k})"),
        });
    }
    if let Some((k, v)) = pairs.iter().find(|(k, v)| {
        TABLES
            .paid
            .iter()
            .any(|(n, val)| n.matches(k) && val.matches(v))
    }) {
        return Some(LinkVerdict {
            kind: LinkKind::PaidTracking,
            message: format!("Paid-traffic tracking link ({})", show_pair(k, v)),
        });
    }
    // A marketing campaign's link: campaign-tagged, and not by a share
    // channel (see share_channels.txt).
    let value = |name: &str| pairs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name));
    if let Some((k, v)) = value("utm_campaign") {
        let shared = ["utm_source", "utm_medium"]
            .iter()
            .filter_map(|n| value(n))
            .any(|(_, v)| TABLES.share.iter().any(|g| g.matches(v)));
        if !shared {
            return Some(LinkVerdict {
                kind: LinkKind::PaidTracking,
                message: format!("Campaign tracking link ({})", show_pair(k, v)),
            });
        }
    }
    None
}

/// The link a reader should get instead: a network redirect unwrapped to the
/// destination it carries, and affiliate and tracking parameters removed.
///
/// `None` when there is nothing to clean, when the text is not an http(s)
/// URL, or when the destination cannot be recovered (an `amzn.to` short
/// link hides it behind the network's own redirect).
pub fn clean_url(raw: &str) -> Option<String> {
    clean_url_with(raw, &LinkExtras::default())
}

/// [`clean_url`] that also unwraps and strips a newsroom's affiliate domains
/// and parameters.
pub fn clean_url_with(raw: &str, extras: &LinkExtras) -> Option<String> {
    let mut url = parse(raw)?;
    let mut changed = false;
    // Networks sometimes wrap one another (a Skimlinks link to an Impact link).
    for _ in 0..4 {
        let host = host_of(&url)?;
        let Some(net) = TABLES.network_with(extras, &host, url.path()) else {
            break;
        };
        url = parse(&destination(&url, net)?)?;
        changed = true;
    }
    let host = host_of(&url)?;
    if TABLES.path_id(&host, url.path()).is_some() {
        let path = TABLES.strip_path_ids(&host, url.path());
        url.set_path(&path);
        changed = true;
    }
    if let Some(query) = url.query().map(str::to_owned) {
        let pieces: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
        let split = |piece: &&str| -> (String, String) {
            let (k, v) = piece.split_once('=').unwrap_or((piece, ""));
            (
                percent_decode(k).into_owned(),
                percent_decode(v).into_owned(),
            )
        };
        let pairs: Vec<(String, String)> = pieces.iter().map(split).collect();
        let campaigned = TABLES.campaigned(pairs.iter().map(|(k, _)| k.as_str()));
        let kept: Vec<&str> = pieces
            .iter()
            .zip(&pairs)
            .filter(|(_, (k, v))| !TABLES.strips(extras, &host, k, v, campaigned))
            .map(|(piece, _)| *piece)
            .collect();
        if kept.len() != pieces.len() || pieces.is_empty() {
            changed = true;
            let q = kept.join("&");
            url.set_query((!q.is_empty()).then_some(q.as_str()));
        }
    }
    changed.then(|| url.to_string())
}

/// Bare URLs in prose: `https://…`, `www.…` and `host.tld/path`.
pub(super) static BARE_URL: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r#"(?i)\b(?:https?://|www\.)[^\s<>"'\[\]{}|\\^`“”‘’]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}/[^\s<>"'\[\]{}|\\^`“”‘’]*"#,
    )
});

/// The URL inside a bare-URL match: trailing punctuation and an unbalanced
/// closing parenthesis belong to the sentence.
pub(super) fn trim_url(m: &str) -> &str {
    let mut s = m;
    loop {
        let before = s.len();
        s = s.trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_']);
        if s.ends_with(')') && s.matches('(').count() < s.matches(')').count() {
            s = &s[..s.len() - 1];
        }
        if s.len() == before {
            return s;
        }
    }
}

fn parse(raw: &str) -> Option<Url> {
    let raw = raw.trim();
    let lower = raw.get(..8).unwrap_or(raw).to_ascii_lowercase();
    let url = if lower.starts_with("http://") || lower.starts_with("https://") {
        Url::parse(raw).ok()?
    } else if let Some(rest) = raw.strip_prefix("//") {
        Url::parse(&format!("https://{rest}")).ok()?
    } else if looks_like_host(raw) {
        Url::parse(&format!("https://{raw}")).ok()?
    } else {
        return None;
    };
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// `larkspurhome.com`, `amzn.to/3xQ`: a dotted host before any path.
fn looks_like_host(raw: &str) -> bool {
    let host = raw.split(['/', '?', '#']).next().unwrap_or("");
    host.contains('.')
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        && host
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

fn host_of(url: &Url) -> Option<String> {
    let h = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    (!h.is_empty()).then_some(h)
}

/// "Howl link (howl.me)", "Amazon Associates short link (amzn.to)".
fn hidden(net: &Network, host: &str) -> String {
    let noun = if net.name.ends_with(" link") {
        ""
    } else {
        " link"
    };
    format!("{}{noun} ({})", net.name, display_host(host))
}

fn display_host(host: &str) -> &str {
    host.strip_prefix("www.").unwrap_or(host)
}

fn show_pair(k: &str, v: &str) -> String {
    if v.is_empty() {
        return k.to_owned();
    }
    let v: String = if v.chars().count() > 40 {
        v.chars().take(40).chain(['…']).collect()
    } else {
        v.to_owned()
    };
    format!("{k}={v}")
}

/// The URL a network link carries, if the network shows it.
fn destination(url: &Url, net: &Network) -> Option<String> {
    let found = match &net.dest {
        Dest::Hidden => None,
        Dest::Param(name) => url
            .query_pairs()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.into_owned()),
        Dest::PathSegment(name) => {
            let path = url.path();
            let marker = format!("/{name}:");
            let at = path
                .to_ascii_lowercase()
                .find(&marker.to_ascii_lowercase())?;
            Some(percent_decode(path.get(at + marker.len()..)?).into_owned())
        }
    }?;
    let found = found.trim();
    (!found.is_empty()).then(|| found.to_owned())
}

/// Decode `%XX` escapes (and nothing else); invalid UTF-8 is replaced.
fn percent_decode(s: &str) -> Cow<'_, str> {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy()
}

// ---- tables -------------------------------------------------------------

#[derive(Debug)]
enum HostPattern {
    /// `example.com`: the host or any subdomain.
    Domain(String),
    /// `*.sjv.io`: a proper subdomain.
    Subdomain(String),
    /// `goto.*`: first label, then a domain of two or more labels.
    FirstLabel(String),
}

impl HostPattern {
    fn matches(&self, host: &str) -> bool {
        match self {
            HostPattern::Domain(d) => under(host, d),
            HostPattern::Subdomain(d) => host.len() > d.len() && under(host, d),
            HostPattern::FirstLabel(l) => host
                .strip_prefix(l.as_str())
                .and_then(|r| r.strip_prefix('.'))
                .is_some_and(|rest| rest.split('.').filter(|s| !s.is_empty()).count() >= 2),
        }
    }
}

/// `host` is `domain` or a subdomain of it.
fn under(host: &str, domain: &str) -> bool {
    host.strip_suffix(domain)
        .is_some_and(|p| p.is_empty() || p.ends_with('.'))
}

#[derive(Debug)]
enum Dest {
    Hidden,
    Param(String),
    PathSegment(String),
}

#[derive(Debug)]
struct Network {
    host: HostPattern,
    path: Option<String>,
    name: String,
    dest: Dest,
}

/// A parameter name or value pattern: exact, a prefix ending in `*`, or a
/// suffix starting with `*` (an Amazon Associates tag's `*-20`), compared
/// case-insensitively.
#[derive(Debug)]
struct Glob {
    text: String,
    at: GlobAt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GlobAt {
    Whole,
    Prefix,
    Suffix,
}

impl Glob {
    fn new(s: &str) -> Glob {
        let (text, at) = if let Some(p) = s.strip_suffix('*') {
            (p, GlobAt::Prefix)
        } else if let Some(p) = s.strip_prefix('*') {
            (p, GlobAt::Suffix)
        } else {
            (s, GlobAt::Whole)
        };
        Glob {
            text: text.to_ascii_lowercase(),
            at,
        }
    }

    fn matches(&self, s: &str) -> bool {
        let n = self.text.len();
        let part = match self.at {
            GlobAt::Whole => Some(s),
            // Something must stand in for the `*`: `*-20` is not `-20`.
            GlobAt::Prefix => s.get(..n),
            GlobAt::Suffix => (s.len() > n).then(|| s.get(s.len() - n..)).flatten(),
        };
        part.is_some_and(|p| p.eq_ignore_ascii_case(&self.text))
    }
}

#[derive(Debug)]
struct AffiliateParam {
    name: Glob,
    value: Option<Glob>,
    store: Option<String>,
    label: String,
    /// Removed by `clean_url` but not evidence of an affiliate link alone.
    strip_only: bool,
    /// A name many sites use for their own ids (`aid`, `pid`): an
    /// affiliate's only beside a campaign parameter (see [`Tables::campaigned`]).
    weak: bool,
}

impl AffiliateParam {
    fn matches(&self, k: &str, v: &str) -> bool {
        self.name.matches(k) && self.value.as_ref().is_none_or(|g| g.matches(v))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TrackKind {
    Ad,
    Share,
}

#[derive(Debug)]
struct Tracking {
    name: Glob,
    kind: TrackKind,
}

struct Tables {
    networks: Vec<Network>,
    affiliate_params: Vec<AffiliateParam>,
    tracking: Vec<Tracking>,
    paid: Vec<(Glob, Glob)>,
    share: Vec<Glob>,
    stores: Vec<(String, Vec<String>)>,
    /// Parameters that name a marketing campaign or placement (`label`,
    /// `campaign`, `mcid`): beside one, a `weak` id is an affiliate's.
    campaign: Vec<Glob>,
    /// Path segments that name an affiliate id held by the next segment,
    /// with their label and store (`affiliate_params.txt`, `[path]`).
    path_ids: Vec<PathId>,
}

/// A line of `affiliate_params.txt`'s `[path]` list.
struct PathId {
    segment: String,
    label: String,
    store: String,
}

impl Tables {
    /// The network a link goes through: the built-in ones, then a newsroom's.
    fn network_with<'t>(
        &'t self,
        extras: &'t LinkExtras,
        host: &str,
        path: &str,
    ) -> Option<&'t Network> {
        self.networks.iter().chain(&extras.networks).find(|n| {
            n.host.matches(host)
                && n.path.as_deref().is_none_or(|p| {
                    path.get(..p.len())
                        .is_some_and(|s| s.eq_ignore_ascii_case(p))
                })
        })
    }

    /// The entry of `[path]` whose segment names an id on `host`, with
    /// digits in the segment after it: the id as `SEGMENT/VALUE`, and the
    /// entry's label.
    fn path_id(&self, host: &str, path: &str) -> Option<(String, &str)> {
        let segments: Vec<&str> = path.split('/').collect();
        segments.windows(2).find_map(|pair| {
            let [key, value] = pair else { return None };
            let entry = self.path_id_entry(host, key)?;
            (!value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()))
                .then(|| (format!("{key}/{value}"), entry.label.as_str()))
        })
    }

    fn path_id_entry(&self, host: &str, segment: &str) -> Option<&PathId> {
        self.path_ids.iter().find(|p| {
            p.segment.eq_ignore_ascii_case(segment) && self.on_store(Some(&p.store), host)
        })
    }

    /// `path` without its `[path]` id pairs on `host`.
    fn strip_path_ids(&self, host: &str, path: &str) -> String {
        let segments: Vec<&str> = path.split('/').collect();
        let mut kept: Vec<&str> = Vec::with_capacity(segments.len());
        let mut i = 0;
        while i < segments.len() {
            let id = segments
                .get(i + 1)
                .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
                && self.path_id_entry(host, segments[i]).is_some();
            if id {
                i += 2;
            } else {
                kept.push(segments[i]);
                i += 1;
            }
        }
        kept.join("/")
    }

    /// `store` is `None` (any host) or a store whose hosts include `host`.
    fn on_store(&self, store: Option<&str>, host: &str) -> bool {
        let Some(store) = store else { return true };
        self.stores
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case(store))
            .any(|(_, hosts)| hosts.iter().any(|h| under(host, h)))
    }

    /// Whether a link's parameter names include a campaign's.
    fn campaigned<'k>(&self, mut names: impl Iterator<Item = &'k str>) -> bool {
        names.any(|k| self.campaign.iter().any(|g| g.matches(k)))
    }

    /// Whether `clean_url` drops the parameter `k=v` on `host`, on a link
    /// that does or does not carry a campaign parameter.
    fn strips(&self, extras: &LinkExtras, host: &str, k: &str, v: &str, campaigned: bool) -> bool {
        self.affiliate_params.iter().chain(&extras.params).any(|p| {
            p.matches(k, v) && (!p.weak || campaigned) && self.on_store(p.store.as_deref(), host)
        }) || self.tracking.iter().any(|t| t.name.matches(k))
    }
}

/// A line of `affiliate_hosts.txt`: `HOST[/PATH] | NAME | DEST`.
fn network_line(line: &str) -> Option<Network> {
    let f = fields(line);
    let (target, name, dest) = (f.first()?, f.get(1)?, f.get(2).copied().unwrap_or("-"));
    let (host, path) = match target.find('/') {
        Some(i) => (&target[..i], Some(target[i..].to_owned())),
        None => (*target, None),
    };
    let host = host_pattern(host);
    let dest = match dest {
        "-" | "" => Dest::Hidden,
        d => match d.strip_prefix("path:") {
            Some(seg) => Dest::PathSegment(seg.to_owned()),
            None => Dest::Param(d.to_owned()),
        },
    };
    Some(Network {
        host,
        path,
        name: (*name).to_owned(),
        dest,
    })
}

fn host_pattern(host: &str) -> HostPattern {
    let host = host.to_ascii_lowercase();
    if let Some(d) = host.strip_prefix("*.") {
        HostPattern::Subdomain(d.to_owned())
    } else if let Some(l) = host.strip_suffix(".*") {
        HostPattern::FirstLabel(l.to_owned())
    } else {
        HostPattern::Domain(host)
    }
}

/// A line of `affiliate_params.txt`: `NAME[=VALUE] | LABEL`, then the
/// options `strip`, `weak` and `store=STORE` as named fields in any order.
fn param_line(line: &str) -> Option<AffiliateParam> {
    let f = fields(line);
    let param = *f.first()?;
    let options = f.get(2..).unwrap_or_default();
    let (name, value) = match param.split_once('=') {
        Some((n, v)) => (Glob::new(n), Some(Glob::new(v))),
        None => (Glob::new(param), None),
    };
    Some(AffiliateParam {
        name,
        value,
        store: options
            .iter()
            .find_map(|o| o.strip_prefix("store="))
            .map(str::to_owned),
        label: (*f.get(1)?).to_owned(),
        strip_only: options.contains(&"strip"),
        weak: options.contains(&"weak"),
    })
}

/// A newsroom's additions to the link tables, from `copydesk.toml`: built
/// once when the configuration loads.
#[derive(Debug, Default)]
pub struct LinkExtras {
    /// The newsroom's own domains (and their subdomains): never promotions.
    own: Vec<String>,
    networks: Vec<Network>,
    params: Vec<AffiliateParam>,
}

/// A bare host name (`example.com`, `shop.example.co.uk`), lowercased, or
/// `None` when it is not one.
fn domain(raw: &str) -> Option<String> {
    let d = raw.trim().trim_end_matches('.').to_ascii_lowercase();
    let ok = !d.is_empty()
        && d.len() <= 253
        && d.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    ok.then_some(d)
}

impl LinkExtras {
    pub fn is_empty(&self) -> bool {
        self.own.is_empty() && self.networks.is_empty() && self.params.is_empty()
    }

    /// A domain of the newsroom's own: it and its subdomains are never promotions.
    pub fn add_own_domain(&mut self, raw: &str) -> Result<(), String> {
        let d = domain(raw)
            .ok_or_else(|| format!("{raw:?} is not a domain name (like \"example-news.com\")"))?;
        self.own.push(d);
        Ok(())
    }

    /// An affiliate network's domain (`*.example.com` for subdomains only;
    /// `example.com/go` for a path under it): every link through it is an
    /// affiliate link, its destination hidden.
    pub fn add_affiliate_domain(&mut self, raw: &str) -> Result<(), String> {
        let raw = raw.trim();
        let (host, path) = match raw.find('/') {
            Some(i) => (&raw[..i], Some(&raw[i..])),
            None => (raw, None),
        };
        let bare = host.strip_prefix("*.").unwrap_or(host);
        domain(bare).ok_or_else(|| {
            format!("{raw:?} is not a domain name (like \"go.example.com\" or \"*.example.com\")")
        })?;
        self.networks.push(Network {
            host: host_pattern(host),
            path: path.map(str::to_owned),
            name: "Affiliate link".to_owned(),
            dest: Dest::Hidden,
        });
        Ok(())
    }

    /// An affiliate query parameter, written as in `affiliate_params.txt`
    /// without the label: `NAME`, `NAME=VALUE`, a trailing `*` for a prefix,
    /// and `@STORE` to limit it to a store's hosts.
    pub fn add_affiliate_param(&mut self, raw: &str) -> Result<(), String> {
        let spec = raw.trim();
        let name_ok = spec
            .split_whitespace()
            .next()
            .and_then(|p| p.split('=').next())
            .is_some_and(|n| !n.is_empty() && !n.contains('|'));
        if !name_ok || spec.split_whitespace().count() > 2 || spec.contains('|') {
            return Err(format!(
                "{raw:?} is not a parameter (like \"ref\", \"aff_id\" or \"partner=acme*\")"
            ));
        }
        // copydesk.toml keeps its `NAME @STORE` shorthand.
        let mut words = spec.split_whitespace();
        let param = words.next().unwrap_or_default();
        let store = words
            .next()
            .and_then(|s| s.strip_prefix('@'))
            .map(|s| format!(" | store={s}"))
            .unwrap_or_default();
        let p = param_line(&format!("{param} | Affiliate{store}"))
            .ok_or_else(|| format!("{raw:?} is not a parameter"))?;
        self.params.push(p);
        Ok(())
    }
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let networks = section(
        include_str!("../../../data/promo/affiliate_hosts.txt"),
        "hosts",
    )
    .filter_map(network_line)
    .collect();
    let affiliate_params = section(
        include_str!("../../../data/promo/affiliate_params.txt"),
        "params",
    )
    .filter_map(param_line)
    .collect();
    let tracking = section(
        include_str!("../../../data/promo/tracking_params.txt"),
        "params",
    )
    .filter_map(|line| {
        let f = fields(line);
        let kind = match *f.get(1)? {
            "ad" => TrackKind::Ad,
            _ => TrackKind::Share,
        };
        Some(Tracking {
            name: Glob::new(f.first()?),
            kind,
        })
    })
    .collect();
    let paid = section(
        include_str!("../../../data/promo/paid_channels.txt"),
        "channels",
    )
    .filter_map(|line| {
        let (n, v) = line.split_once('=')?;
        Some((Glob::new(n.trim()), Glob::new(v.trim())))
    })
    .collect();
    let share = section(
        include_str!("../../../data/promo/share_channels.txt"),
        "channels",
    )
    .map(Glob::new)
    .collect();
    let stores = section(include_str!("../../../data/promo/stores.txt"), "stores")
        .filter_map(|line| {
            let f = fields(line);
            let hosts = f
                .get(1)?
                .split_whitespace()
                .map(str::to_ascii_lowercase)
                .collect();
            Some(((*f.first()?).to_owned(), hosts))
        })
        .collect();
    let campaign = section(
        include_str!("../../../data/promo/affiliate_params.txt"),
        "campaign",
    )
    .map(Glob::new)
    .collect();
    let path_ids = section(
        include_str!("../../../data/promo/affiliate_params.txt"),
        "path",
    )
    .filter_map(|line| {
        let f = fields(line);
        Some(PathId {
            segment: (*f.first()?).to_owned(),
            label: (*f.get(1)?).to_owned(),
            store: f.get(2)?.strip_prefix("store=")?.to_owned(),
        })
    })
    .collect();
    Tables {
        campaign,
        path_ids,
        networks,
        affiliate_params,
        tracking,
        paid,
        share,
        stores,
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(url: &str) -> Option<String> {
        judge(url).map(|v| v.message)
    }

    #[test]
    fn tables_load() {
        assert!(TABLES.networks.len() > 30);
        assert!(TABLES.affiliate_params.len() > 10);
        assert!(TABLES.tracking.iter().any(|t| t.kind == TrackKind::Ad));
        assert!(TABLES.paid.len() > 5);
        assert!(TABLES.stores.iter().any(|(s, _)| s == "Amazon"));
    }

    #[test]
    fn affiliate_networks_name_their_destination() {
        let cases = [
            ("https://amzn.to/3xQk9Lp", "Amazon Associates short link (amzn.to)"),
            (
                "https://go.skimresources.com/?id=118250X1604&xs=1&url=https%3A%2F%2Fwww.bestbuy.com%2Fsite%2Fx.p",
                "Skimlinks redirect to bestbuy.com",
            ),
            ("https://howl.me/cjR4xQz", "Howl link (howl.me)"),
            (
                "https://goto.walmart.com/c/1/568844/9383?veh=aff&u=https%3A%2F%2Fwww.walmart.com%2Fip%2F1",
                "Impact redirect to walmart.com",
            ),
            (
                "https://www.anrdoezrs.net/click-100357191-15042466?url=https%3A%2F%2Fwww.bestbuy.com%2Fsite%2Fp",
                "CJ Affiliate redirect to bestbuy.com",
            ),
            (
                "https://rover.ebay.com/rover/1/711-53200-19255-0/1?campid=5338273189&mpre=https%3A%2F%2Fwww.ebay.com%2Fitm%2F274512",
                "eBay Partner Network redirect to ebay.com",
            ),
            (
                "https://www.shareasale.com/r.cfm?b=1234&u=987654&m=55555&urllink=larkspurhome.com",
                "ShareASale redirect to larkspurhome.com",
            ),
            (
                "https://prf.hn/click/camref:1101lqTr/pubref:smoke/destination:https%3A%2F%2Fwww.breezio.com%2Fhepa300",
                "Partnerize redirect to breezio.com",
            ),
            (
                "https://click.linksynergy.com/deeplink?id=Qx7&mid=24512&murl=https%3A%2F%2Fwww.tripnest.com%2Fdeals",
                "Rakuten Advertising redirect to tripnest.com",
            ),
            ("https://brand.sjv.io/c/1/2/3", "Impact link (brand.sjv.io)"),
        ];
        for (url, want) in cases {
            assert_eq!(msg(url).as_deref(), Some(want), "{url}");
            assert_eq!(judge(url).map(|v| v.kind), Some(LinkKind::Affiliate));
        }
    }

    #[test]
    fn affiliate_parameters() {
        let cases = [
            (
                "https://www.bhphotovideo.com/c/product/1799204-REG/titan_100w.html/BI/21905/KBID/12345",
                "B&H Photo affiliate link (BI/21905)",
            ),
            (
                "https://www.amazon.com/dp/B0C7HXT2QM?tag=kitchenpicks-20",
                "Amazon Associates link (tag=kitchenpicks-20)",
            ),
            (
                "http://www.amazon.com/gp/product/0143122010/ref=as_li_tl?ie=UTF8&camp=1789&linkCode=as2&tag=bates0b-20",
                "Amazon Associates link (tag=bates0b-20)",
            ),
            (
                "https://heritagetallow.com/shop?aff_id=FW2291&ref=partner",
                "Affiliate link (aff_id=FW2291)",
            ),
            (
                "https://www.cinevault.com/signup?irclickid=Wz1QxR2yKxyNT&utm_source=impact",
                "Impact link (irclickid=Wz1QxR2yKxyNT)",
            ),
            (
                "https://shop.example/x?ref=partner",
                "Partner referral link (ref=partner)",
            ),
            (
                "https://www.ebay.com/itm/1?mkcid=1&campid=533",
                "eBay Partner Network link (campid=533)",
            ),
            ("www.amazon.com/dp/B01?tag=x-20", "Amazon Associates link (tag=x-20)"),
            ("amzn.to/2udTux9", "Amazon Associates short link (amzn.to)"),
            // An Associates id by its shape, off Amazon's own hosts.
            (
                "https://shop.example.com/orbis-130?tag=skydesk-20&ref=story",
                "Amazon Associates link (tag=skydesk-20)",
            ),
            (
                "https://www.amazon.example.com/dp/B0VANTA3?tag=techdesk0a-21",
                "Amazon Associates link (tag=techdesk0a-21)",
            ),
            // An id many sites use, beside a campaign's label: a booking
            // site's affiliate program.
            (
                "https://www.booking.com/hotel/pt/x.html?aid=2311236&label=wlw-lisbon48",
                "Affiliate link (aid=2311236)",
            ),
            (
                "https://www.viator.com/tours/Lisbon/d538-5521?pid=P00048213&mcid=42383&medium=link",
                "Affiliate link (pid=P00048213)",
            ),
            (
                "https://hotels.example/h/1?rffrid=aff.hcom.us.123",
                "Affiliate link (rffrid=aff.hcom.us.123)",
            ),
        ];
        for (url, want) in cases {
            assert_eq!(msg(url).as_deref(), Some(want), "{url}");
        }
    }

    #[test]
    fn paid_tracking() {
        let cases = [
            (
                "https://try.mackweldon.com/7-reasons?utm_source=taboola&utm_medium=native",
                "Paid-traffic tracking link (utm_source=taboola)",
            ),
            (
                "https://www.cinevault.com/x?utm_source=site&utm_medium=affiliate",
                "Paid-traffic tracking link (utm_medium=affiliate)",
            ),
            (
                "https://shop.example/?gclid=abc123",
                "Ad-click tracking link (gclid)",
            ),
            (
                "https://www.lumenkit.dev/teams?utm_source=techwire&utm_medium=article&utm_campaign=launch",
                "Paid-traffic tracking link (utm_medium=article)",
            ),
            (
                "https://voltlane.com/blog?utm_source=techdaily&utm_campaign=fastcharge-launch",
                "Campaign tracking link (utm_campaign=fastcharge-launch)",
            ),
        ];
        for (url, want) in cases {
            assert_eq!(msg(url).as_deref(), Some(want), "{url}");
            assert_eq!(judge(url).map(|v| v.kind), Some(LinkKind::PaidTracking));
        }
    }

    #[test]
    fn clean_links_stay_quiet() {
        for url in [
            // A tag on another host is not an Associates id.
            "https://www.cbsnews.com/news/x/?ftag=CNM-00-10aab7e",
            "https://example.com/?tag=politics",
            // Not an Associates id's shape: a suffix with nothing before it.
            "https://example.com/?tag=-20",
            "https://example.com/?tag=covid-19",
            "https://www.amazon.com/dp/B0C7HXT2QM",
            // Link-builder leftovers without an associate's tag pay nobody.
            "https://www.amazon.com/gp/search?index=books&linkCode=qs&keywords=9781621571124",
            // A print-this link's partnerID is not an affiliate program.
            "http://cnn.worldnews.printthis.clickability.com/pt/cpt?urlID=2&partnerID=2006",
            // A site's own ids, with no campaign beside them.
            "http://www.presidency.ucsb.edu/ws/index.php?pid=42794",
            "https://myemail.constantcontact.com/x.html?soid=1117731406688&aid=6N-X-Iq-ZBM",
            "https://news.example/story?pid=12&utm_source=twitter&utm_campaign=share",
            // Share analytics on a citation.
            "http://www.businessinsider.com/x-2017-10?utm_source=hearst&utm_medium=referral&utm_content=allverticals",
            "https://www.washingtonpost.com/news/x/?utm_term=.7b0df1a32abe",
            "https://apnews.com/a35?utm_campaign=SocialFlow&utm_source=Twitter&utm_medium=AP",
            "http://www.ozy.com/x/78775?utm_source=dd&utm_medium=email&utm_campaign=05282017",
            "http://talkingpointsmemo.com/x?utm_content=buffer9d4bd&utm_medium=social&utm_source=twitter.com&utm_campaign=buffer",
            "https://city.gov/budget?utm_source=newsletter&utm_medium=email&utm_campaign=fy25",
            "https://twitter.com/BenAffleck?ref_src=twsrc%5Etfw",
            "https://www.facebook.com/sarahpalin/?fref=nf",
            // Plain shorteners and GoTo's own site.
            // A path id's segment off its store, and on the store with
            // no digits after it.
            "https://news.example/archive/BI/2024/story",
            "https://www.bhphotovideo.com/c/buy/BI/ps",
            "https://bit.ly/3abcDEF",
            "https://goto.com/meeting",
            "https://www.cpsc.gov/Recalls",
            "mailto:tips@example.com",
            "/relative/path",
            "not a url",
            "",
        ] {
            assert_eq!(msg(url), None, "{url}");
        }
    }

    #[test]
    fn clean_url_unwraps_and_strips() {
        let cases = [
            (
                "https://www.amazon.com/dp/B0C7HXT2QM?tag=kitchenpicks-20",
                Some("https://www.amazon.com/dp/B0C7HXT2QM"),
            ),
            (
                "https://go.skimresources.com/?id=1&xs=1&url=https%3A%2F%2Fwww.bestbuy.com%2Fsite%2Fx.p%3Futm_source%3Dskim",
                Some("https://www.bestbuy.com/site/x.p"),
            ),
            (
                "https://www.shareasale.com/r.cfm?b=1&u=2&m=3&urllink=larkspurhome.com",
                Some("https://larkspurhome.com/"),
            ),
            (
                "https://prf.hn/click/camref:1101lqTr/destination:https%3A%2F%2Fwww.breezio.com%2Fhepa300",
                Some("https://www.breezio.com/hepa300"),
            ),
            (
                "https://www.lumenkit.dev/teams?plan=pro&utm_source=techwire&utm_medium=article&fbclid=x",
                Some("https://www.lumenkit.dev/teams?plan=pro"),
            ),
            (
                "https://heritagetallow.com/shop?aff_id=FW2291&ref=partner",
                Some("https://heritagetallow.com/shop"),
            ),
            (
                "https://www.amazon.com/gp/product/0143122010/ref=as_li_tl?ie=UTF8&camp=1789&creative=9325&creativeASIN=0143122010&linkCode=as2&tag=bates0b-20&linkId=CI2N",
                Some("https://www.amazon.com/gp/product/0143122010/ref=as_li_tl?ie=UTF8"),
            ),
            // Session 16: ids in a store's path.
            (
                "https://www.bhphotovideo.com/c/product/1799204-REG/titan_100w.html/BI/21905/KBID/12345",
                Some("https://www.bhphotovideo.com/c/product/1799204-REG/titan_100w.html"),
            ),
            // Nothing to clean, or nothing recoverable.
            ("https://www.sonara.com/aero-2/specs", None),
            ("https://news.example/bi/2024/kbid/7", None),
            ("https://example.com/?tag=politics", None),
            ("https://amzn.to/3xQk9Lp", None),
            ("https://howl.me/cjR4xQz", None),
            ("ftp://example.com/?utm_source=x", None),
        ];
        for (url, want) in cases {
            assert_eq!(clean_url(url).as_deref(), want, "{url}");
        }
    }

    #[test]
    fn bare_urls_lose_sentence_punctuation() {
        let found: Vec<&str> = BARE_URL
            .find_iter("See amzn.to/2udTux9. Or (https://x.test/a_(b)), and www.y.test/?tag=z-20!")
            .map(|m| trim_url(m.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                "amzn.to/2udTux9",
                "https://x.test/a_(b)",
                "www.y.test/?tag=z-20"
            ]
        );
    }

    #[test]
    fn percent_decoding_is_total() {
        assert_eq!(percent_decode("a%2Fb%"), "a/b%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%E2%80%99"), "’");
    }
}
