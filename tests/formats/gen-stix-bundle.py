#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a synthetic STIX 2.1 bundle shaped and sized like MITRE ATT&CK
Enterprise (about 40 MB, tens of thousands of objects) to check that it opens
in a few seconds:

    tests/formats/gen-stix-bundle.py /tmp/attack-like.json
    ninja -C BUILD tests/formats/chrono-load-file
    BUILD/tests/formats/chrono-load-file /tmp/attack-like.json

The output is generated, never committed. Names and texts are made up."""

import json
import random
import sys
import uuid

rng = random.Random(1)


def uid(kind):
    return f"{kind}--{uuid.UUID(int=rng.getrandbits(128), version=4)}"


def stamp(year):
    return f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00.000Z"


def words(n):
    vocab = ["adversary", "credential", "network", "phishing", "loader", "persistence",
             "registry", "payload", "exfiltration", "beacon", "lateral", "movement",
             "service", "privilege", "token", "archive", "script", "domain", "proxy"]
    return " ".join(rng.choice(vocab) for _ in range(n))


def refs(prefix, n):
    out = [{"source_name": "mitre-attack", "external_id": f"{prefix}{rng.randint(1000, 9999)}",
            "url": f"https://attack.example.org/{prefix}/{rng.randint(1, 99999)}"}]
    for _ in range(n):
        out.append({"source_name": words(2), "description": words(12),
                    "url": f"https://news.example.org/{rng.randint(1, 10**9)}"})
    return out


def base(kind, name=None, **extra):
    obj = {"type": kind, "spec_version": "2.1", "id": uid(kind),
           "created": stamp(2017), "modified": stamp(2023),
           "created_by_ref": "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5",
           "object_marking_refs": ["marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168"],
           "x_mitre_version": "1.0", "x_mitre_domains": ["enterprise-attack"]}
    if name is not None:
        obj["name"] = name
    obj.update(extra)
    return obj


def main(path):
    objects = [base("identity", "The Example Corporation", identity_class="organization")]
    objects[0]["id"] = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5"
    patterns = [base("attack-pattern", f"Technique {i} {words(2)}", description=words(380),
                     external_references=refs("T", 3),
                     kill_chain_phases=[{"kill_chain_name": "mitre-attack", "phase_name": "execution"}])
                for i in range(800)]
    software = [base(rng.choice(["malware", "tool"]), f"Soft{i}", description=words(160),
                     external_references=refs("S", 4), is_family=True) for i in range(900)]
    groups = [base("intrusion-set", f"Group {i}", description=words(100), aliases=[f"Group {i}", f"G-{i}"],
                   external_references=refs("G", 8),
                   **({"first_seen": stamp(2005 + i % 15), "last_seen": stamp(2021)} if i % 3 else {}))
              for i in range(170)]
    campaigns = [base("campaign", f"Campaign {i}", description=words(60), external_references=refs("C", 5),
                      first_seen=stamp(2015 + i % 8), last_seen=stamp(2023)) for i in range(40)]
    mitigations = [base("course-of-action", f"Mitigation {i}", description=words(60)) for i in range(300)]
    objects += patterns + software + groups + campaigns + mitigations
    rels = []
    for source in groups + campaigns:
        for target in rng.sample(patterns, 60) + rng.sample(software, 15):
            rels.append(base("relationship", relationship_type="uses", description=words(65),
                             source_ref=source["id"], target_ref=target["id"]))
    for c in campaigns:
        rels.append(base("relationship", relationship_type="attributed-to",
                         source_ref=c["id"], target_ref=rng.choice(groups)["id"]))
    for s in software:
        for target in rng.sample(patterns, 8):
            rels.append(base("relationship", relationship_type="uses", description=words(20),
                             source_ref=s["id"], target_ref=target["id"]))
    for m in mitigations:
        for target in rng.sample(patterns, 6):
            rels.append(base("relationship", relationship_type="mitigates",
                             source_ref=m["id"], target_ref=target["id"]))
    objects += rels
    reports = [base("report", f"Report {i}", published=stamp(2016 + i % 8), description=words(40),
                    object_refs=[rng.choice(groups)["id"], rng.choice(software)["id"]])
               for i in range(200)]
    objects += reports
    with open(path, "w") as out:
        json.dump({"type": "bundle", "id": uid("bundle"), "objects": objects}, out, indent=4)
    print(f"{path}: {len(objects)} objects", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "attack-like.json")
