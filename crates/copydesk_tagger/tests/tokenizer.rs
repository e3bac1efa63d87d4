//! The tokenizer on tricky cases, as a table: input, then the tokens it
//! must give, separated by `|`.

use copydesk_tagger::tokenize;

const CASES: &[(&str, &str)] = &[
    (
        "Mayor Ruiz said the council will vote Tuesday.",
        "Mayor|Ruiz|said|the|council|will|vote|Tuesday|.",
    ),
    (
        "\"I don't know,\" she said.",
        "\"|I|do|n't|know|,|\"|she|said|.",
    ),
    ("She’s here; they’re not.", "She|’s|here|;|they|’re|not|."),
    (
        "We'll see, we've done it, I'd go, I'm sure.",
        "We|'ll|see|,|we|'ve|done|it|,|I|'d|go|,|I|'m|sure|.",
    ),
    ("can't won't cannot Can’t", "ca|n't|wo|n't|can|not|Ca|n’t"),
    ("gonna wanna gotta", "gon|na|wan|na|got|ta"),
    (
        "The well-known, state-of-the-art plan",
        "The|well-known|,|state-of-the-art|plan",
    ),
    (
        "It cost $1,000.50, or 3.5% more, at 3:30 today.",
        "It|cost|$|1,000.50|,|or|3.5|%|more|,|at|3:30|today|.",
    ),
    (
        "Visit https://example.com/a_(b)?x=1, or email ruiz@city.gov.",
        "Visit|https://example.com/a_(b)?x=1|,|or|email|ruiz@city.gov|.",
    ),
    ("(see www.example.org).", "(|see|www.example.org|)|."),
    (
        "“Quotes” and ‘single’ ones",
        "“|Quotes|”|and|‘|single|’|ones",
    ),
    (
        "Dr. Smith of the U.S. Senate met Gov. Ruiz",
        "Dr.|Smith|of|the|U.S.|Senate|met|Gov.|Ruiz",
    ),
    (
        "at 9 a.m. on Jan. 5, e.g. now",
        "at|9|a.m.|on|Jan.|5|,|e.g.|now",
    ),
    (
        "The workers' union and Ruiz's plan",
        "The|workers|'|union|and|Ruiz|'s|plan",
    ),
    ("O'Brien's office", "O'Brien|'s|office"),
    ("Amazon.com's shares", "Amazon.com|'s|shares"),
    ("Wait... what?!", "Wait|...|what|?|!"),
    ("Really??? Yes!!!", "Really|???|Yes|!!!"),
    ("(AP) — The vote", "(|AP|)|—|The|vote"),
    ("yes—no", "yes|—|no"),
    ("and/or 1/2", "and|/|or|1/2"),
    ("in the '90s", "in|the|'90s"),
    ("AT&T and S&P", "AT&T|and|S&P"),
    ("Great 👍🏽 job", "Great|👍🏽|job"),
    ("café naïve Zürich", "café|naïve|Zürich"),
    ("résumé’s", "résumé|’s"),
    ("", ""),
    ("   \t\n ", ""),
    ("end.Next", "end|.|Next"),
    ("#hashtag @user", "#|hashtag|@|user"),
    ("x\u{200B}y", "x|y"),
];

#[test]
fn tokenizer_cases() {
    let mut failures = Vec::new();
    let mut spans = Vec::new();
    for &(input, expect) in CASES {
        spans.clear();
        tokenize(input, &mut spans);
        let got: Vec<&str> = spans.iter().map(|s| &input[s.range()]).collect();
        let want: Vec<&str> = if expect.is_empty() {
            Vec::new()
        } else {
            expect.split('|').collect()
        };
        if got != want {
            failures.push(format!(
                "{input:?}\n   got {}\n  want {}",
                got.join("|"),
                want.join("|")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "tokenizer cases failed:\n{}",
        failures.join("\n")
    );
}
