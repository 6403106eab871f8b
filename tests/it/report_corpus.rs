//! A small generated corpus of our own wording for the report tests: three partners with
//! different kinds of damage, two languages, dates over four months.

use std::fmt::Write as _;

const CITIES: [&str; 4] = ["JAKARTA", "CAIRO", "NAIROBI", "LIMA"];
const DAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// `n` stories as JSON Lines (`id`, `source`, `date`, `headline`, `body`, some `language`).
pub fn jsonl(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let city = CITIES[i % CITIES.len()];
        let day = DAYS[i % DAYS.len()];
        let (source, language, body) = match i % 6 {
            0 => (
                "Partner A",
                None,
                format!("{city} - The militant groups Hamas and Israeli Jihad were invited to the talks, officials said on {day}."),
            ),
            1 => (
                "Partner A",
                None,
                format!(
                    "MOSCOW - In turn, the ministry said the plan would go ahead on {day}. Recall that talks failed in May. It should be noted that the budget was cut."
                ),
            ),
            2 => (
                "Partner B",
                None,
                format!(
                    "{city} - Gold prices rose on {day}, traders said.\nBaca juga: Harga Emas Antam Naik Lagi Hari Ini\nThe currency was steady."
                ),
            ),
            3 => (
                "Partner B",
                Some("id"),
                format!(
                    "JAKARTA - Harga emas naik pada hari Selasa, kata para pedagang di pasar kota itu. Permintaan tetap tinggi minggu ini ({i})."
                ),
            ),
            4 => (
                "Kantor C",
                None,
                format!("{city} - The ministry said the toll had reached 50.846, while 115.000 others were hurt, on {day}."),
            ),
            _ => (
                "Kantor C",
                None,
                format!("{city} - Exports rose {} percent in March, the trade office said on {day}, citing customs data.", i % 9 + 1),
            ),
        };
        let date = format!("2024-{:02}-{:02}", 1 + (i / 28) % 4, 1 + i % 28);
        let mut rec =
            serde_json::json!({ "id": format!("s{i:04}"), "source": source, "date": date, "headline": format!("Story {i}"), "body": body });
        if let Some(l) = language {
            rec["language"] = l.into();
        }
        let _ = writeln!(out, "{rec}");
    }
    out
}
