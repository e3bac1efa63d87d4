//! Promo look-alikes and real-world promotions, as data.
//!
//! Each case is a small draft and the promo rules it must fire (by id, in
//! any order; an empty list means the promo rules stay quiet). Cases come
//! from the false alarms and misses found by reading promo findings on the
//! SemEval-2019 hyperpartisan articles and the dev corpus; when a new one is
//! fixed, its case goes here.

use copydesk::{check, Config, Format};

const LINK: &str = "promo.affiliate-link";
const CODE: &str = "promo.code";
const PLUG: &str = "promo.plug";
const PITCH: &str = "promo.sales-pitch";
const UNDISCLOSED: &str = "promo.undisclosed";

fn promo_rules(input: &str) -> Vec<String> {
    let mut got: Vec<String> = check(input, Format::Markdown, &Config::default())
        .into_iter()
        .filter(|f| f.rule.starts_with("promo."))
        .map(|f| f.rule.into_owned())
        .collect();
    got.sort();
    got
}

fn run(cases: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (input, expected) in cases {
        let mut want: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
        want.sort();
        let got = promo_rules(input);
        if got != want {
            failures.push(format!("{input:?}\n    want {want:?}\n    got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

/// Passages that look promotional but are reporting, navigation or
/// citation, and must stay quiet.
#[test]
fn lookalikes_stay_quiet() {
    run(&[
        // In-story navigation, not a sale.
        ("Click here to see photos of today's rally and counter-protest.", &[]),
        // A contact line is not a newsletter sign-up.
        (
            "Want more help? Get in touch toll-free at 1-800-454-4501, via email at [me](mailto:me@example.com).",
            &[],
        ),
        // "More from X:" introduces an excerpt from the cited outlet.
        ("More from [Fox News](http://insider.foxnews.com/2016/10/15/x):", &[]),
        // The story's own video caption.
        ("Video: Time-lapse of Hurricane Irma", &[]),
        // Amazon link-builder leftovers with no associate tag pay nobody.
        (
            "It is [being adopted by](https://www.amazon.com/gp/search?index=books&linkCode=qs&keywords=9781621571124) many.",
            &[],
        ),
        // A print-this link's partnerID is not an affiliate id.
        (
            "[Emailgate](http://cnn.worldnews.printthis.clickability.com/pt/cpt?urlID=2&partnerID=2006)",
            &[],
        ),
        // Citations carrying share analytics.
        (
            "[Business Insider reported](http://www.businessinsider.com/x-2017-10?utm_source=hearst&utm_medium=referral&utm_content=allverticals) it first.",
            &[],
        ),
        (
            "[AP](https://apnews.com/a3554c?utm_campaign=SocialFlow&utm_source=Twitter&utm_medium=AP) confirmed it.",
            &[],
        ),
        (
            "The budget is on the [city's website](https://city.gov/budget?utm_source=newsletter&utm_medium=email&utm_campaign=fy25).",
            &[],
        ),
        ("Don’t miss the fact that he wants officers to live in the city.", &[]),
        ("Watch the full segment below.", &[]),
        ("The council voted 5-2 to raise the parking fine to $50.", &[]),
        (
            "The FTC fined the seller over fake coupon codes, the agency said.",
            &[],
        ),
        (
            "Meridian said customers whose flights were canceled would receive a $100 travel credit.",
            &[],
        ),
        ("Tickets went on sale Friday, the team said.", &[]),
        (
            "Residents in ZIP code 60614 reported the most outages, according to ComEd.",
            &[],
        ),
        ("The bill, sponsored by Sen. Ruiz, passed 31-19 on Tuesday after a long debate.", &[]),
        ("“Sign up for our newsletter,” the pop-up said, as regulators noted.", &[]),
        // Reporting about sales, prices, codes and sign-ups.
        (
            "Walmart said shoppers who use its app would get early access to some deals.",
            &[],
        ),
        (
            "The FTC warned that fake \"50% off\" coupon codes were circulating, and said shoppers should never enter payment details on such sites.",
            &[],
        ),
        (
            "Analysts at the firm said limited-time offers had become less effective.",
            &[],
        ),
        (
            "The store's promo code system crashed on Black Friday, according to a filing.",
            &[],
        ),
        (
            "Ticket sales for the parade open Monday at the city's website; seats cost $15.",
            &[],
        ),
        (
            "The transit agency said riders who sign up for its email alerts would be told about detours.",
            &[],
        ),
        (
            "Subscribers to the loyalty program, which has 40 million members, get free two-day shipping.",
            &[],
        ),
        ("The chain's new app lets customers scan a QR code at checkout.", &[]),
        (
            "Read the [full forecast](https://nrf.com/research/x?utm_source=newsletter&utm_medium=email&utm_campaign=holiday2024).",
            &[],
        ),
        ("The stock traded at half its 52-week high.", &[]),
        // A review's section heading, not a plug.
        ("## Our pick: Corvana Crisp 6-Quart\n\nIt browned fries evenly.", &[]),
        ("With only 12 left in the field, the race tightened.", &[]),
        ("Supplies are limited at food banks after the storm.", &[]),
    ]);
}

/// Promotions as they appear in real articles and drafts.
#[test]
fn promotions_fire() {
    run(&[
        ("Sponsored", &[PLUG]),
        ("Sign up", &[PLUG]),
        // A gerund the attribution stage reads as a reporting verb
        // ("… email to receive writing …") does not make a pitch reported.
        (
            "[Sign up for our Writing Prompts email to receive writing inspiration in your inbox twice per week.](https://goodmenproject.leadpages.co/writers-prompt-sign-up/)",
            &[PLUG],
        ),
        (
            "Alzheimer's-Blocking \"Super Coffee\" May Be The \"Memory Saving Discovery\" Of The Century",
            &[PLUG],
        ),
        ("ADVERTISEMENT", &[PLUG]),
        ("TRENDING NOW:", &[PLUG]),
        ("Trending: English Professor Assigns Trump-Bashing Books", &[PLUG]),
        ("SEE ALSO: [McConnell gives strongest hint yet](https://www.businessinsider.com/x)", &[PLUG]),
        ("No Pill Can Stop Tinnitus, But This 1 Weird Trick Can", &[PLUG]),
        ("Stunning Video Will Make Any Atheist's Jaw Drop", &[PLUG]),
        ("The Mysterious “Secret Stock” – It Could Fund Your Retirement", &[PLUG]),
        (
            "Sign up now for the Us Weekly newsletter to get breaking celebrity news delivered straight to your inbox!",
            &[PLUG],
        ),
        (
            "A book: [What Happened](http://www.amazon.com/dp/1501175564/ref=as_li_bk_tl/?tag=freedomoutpos-20&linkId=e34a)",
            &[LINK, UNDISCLOSED],
        ),
        ("See [Amazon](http://amzn.to/1PPKbJ8).", &[LINK, UNDISCLOSED]),
        ("[http://amzn.to/2udTux9](http://amzn.to/2udTux9)", &[LINK, UNDISCLOSED]),
        // Paid native-ad links: a promotion, not an affiliate relationship;
        // the headline is left to the link finding.
        (
            "[Iconic ‘Caddyshack’ Scene Has One Huge Flaw No One Noticed](https://www.worldlifestyle.com/x?utm_source=taboola&utm_medium=insticator)",
            &[LINK],
        ),
        (
            "[Available now on Amazon](https://www.amazon.com/Trump-cking-Crazy/dp/0525533869)",
            &[PITCH],
        ),
        ("Use promo code FedUp at checkout and save big on sheets.", &[CODE]),
        ("Enter HOLIDAY25 at checkout for 25% off any kettle.", &[CODE]),
        // A company's campaign link handed to the writer.
        (
            "The company announced it on [its blog](https://voltlane.com/blog?utm_source=techdaily&utm_medium=article&utm_campaign=launch).",
            &[LINK],
        ),
        (
            "See the [launch page](https://voltlane.com/x?utm_source=techdaily&utm_campaign=launch).",
            &[LINK],
        ),
        ("Use code save20 for 20% off.", &[CODE]),
        ("Get $10 off your first order at Pellet with code GIFT10.", &[CODE]),
        ("Keep reading: The five bus routes that could change", &[PLUG]),
        (
            "Like what you're reading? Get the Metro Minute newsletter delivered to your inbox every weekday morning.",
            &[PLUG],
        ),
        ("Follow us on Instagram and TikTok for more local news.", &[PLUG]),
        ("Don't forget to like us on Facebook and follow us on Twitter!", &[PLUG]),
        ("This is a paid advertisement from AquaPure Systems.", &[PLUG]),
        (
            "*This coverage is supported by Harbor Credit Union, which had no role in the reporting.*",
            &[PLUG],
        ),
        ("Presented by Harborflix", &[PLUG]),
        (
            "SHOCKING: Grandma's Kitchen Hack Slashes Electric Bills By 70% — Utilities Hate It",
            &[PLUG],
        ),
        (
            "Start your 7-day free trial of Harborflix to watch all eight episodes now.",
            &[PITCH],
        ),
        (
            "Protect your family today. Claim your free water test kit — act fast, supplies are limited!",
            &[PITCH],
        ),
        ("Hurry — sale ends Sunday, and only 50 left in stock at this price.", &[PITCH]),
        (
            "Readers get 50% off their first three months with this [exclusive link](https://harborflix.com/join?utm_source=ledger&utm_medium=affiliate).",
            &[PITCH, LINK],
        ),
        (
            "[Shop it at Williams Sonoma](https://williams-sonoma.7tiv.net/c/1/2/3?u=https%3A%2F%2Fwww.williams-sonoma.com%2Fp)",
            &[LINK, UNDISCLOSED],
        ),
        (
            "Try the dashboard free for 14 days: [start your trial here](https://www.lumenkit.dev/teams?utm_source=techwire&utm_medium=article) and use code LAUNCH50 for half off your first year.",
            &[LINK, CODE],
        ),
    ]);
}
