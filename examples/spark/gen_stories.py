"""A generated corpus for the Spark test and for trying the job: stories of our own wording from
four partners, with the damage wirelint looks for (corrupted entities, calques, residue, number
formats, name spellings), some clean copy, a blank line and an unreadable record.

    python examples/spark/gen_stories.py 300 > corpus.jsonl
"""

import json
import sys

CITIES = ["JAKARTA", "CAIRO", "NAIROBI", "LIMA", "HANOI"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def story(i):
    city, day = CITIES[i % len(CITIES)], DAYS[i % len(DAYS)]
    kind = i % 8
    if kind == 0:
        src, body = "Partner A", f"{city} - The militant groups Hamas and Israeli Jihad were invited to the talks, officials said on {day}."
    elif kind == 1:
        src, body = "Partner A", f"MOSCOW - In turn, the ministry said the plan would go ahead on {day}. Recall that talks failed in May. It should be noted that the budget was cut."
    elif kind == 2:
        src, body = "Partner B", f"{city} - Gold prices rose on {day}, traders said.\nBaca juga: Harga Emas Antam Naik Lagi Hari Ini\nThe currency was steady."
    elif kind == 3:
        src, body = "Partner B", f"{city} - President Volodymyr Zelensky met aid groups on {day}. Zelenskyy later said the talks in Kiev went well."
    elif kind == 4:
        src, body = "Kantor C", f"{city} - The ministry said the toll had reached 50.846, while 115.000 others were hurt, on {day}."
    elif kind == 5:
        src, body = "Kantor C", f"{city} - Exports rose {i % 9 + 1} percent in March, the trade office said on {day}, citing customs data."
    elif kind == 6:
        src, body = "Daily D", f"RAMALLAH - Prime Minister Mohammad Shtayyeh spoke on {day}. Shtayyah told reporters the plan was ready."
    else:
        src, body = "Daily D", f"{city} - The weather stayed mild on {day} and markets were calm, the city office said."
    rec = {"id": f"s{i:04d}", "source": src, "date": f"2024-{1 + (i // 28) % 6:02d}-{1 + i % 28:02d}", "headline": f"Story {i}", "body": body}
    return json.dumps(rec, ensure_ascii=False)


def lines(n):
    out = [story(i) for i in range(n)]
    out.insert(n // 3, "")  # a blank line: skipped, but it counts for line numbers
    out.insert(n // 2, '{"id": "broken", "body": ')  # an unreadable record: an error record
    return out


if __name__ == "__main__":
    print("\n".join(lines(int(sys.argv[1]) if len(sys.argv) > 1 else 300)))
