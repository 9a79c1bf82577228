#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into tests/fuzz/corpus/.

Seeds come from the test data in the tree (the SigV4 suite's requests, the
seed requests) and from small hand-written documents covering each format's
features. Files a fuzzer found and that are kept as regressions are named
crash-* or regress-* and are never touched here.

    tests/fuzz/make-seeds.py
"""
import hashlib
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, "seed-" + name), "wb") as f:
        f.write(data)


# ---- sigv4: flag byte, method, path, query, headers -------------------------

def sigv4_seeds():
    suite = os.path.join(TOP, "tests", "data", "sigv4")
    n = 0
    for root, _dirs, files in sorted(os.walk(suite)):
        for name in sorted(files):
            if not name.endswith(".req") and name != "request.txt":
                continue
            with open(os.path.join(root, name), "rb") as f:
                text = f.read().decode("utf-8", "replace")
            lines = text.split("\n")
            m = re.match(r"^(\S+) (\S*) HTTP/1\.1$", lines[0].strip())
            if not m:
                continue
            method, target = m.groups()
            path, _, query = target.partition("?")
            headers = []
            for line in lines[1:]:
                if line == "" or line == "\r":
                    break
                headers.append(line.rstrip("\r"))
            body = "\n".join([method, path, query] + headers)
            for flag in (0, 1):
                write("sigv4", "%s-%d" % (os.path.basename(root), flag), bytes([flag]) + body.encode())
                n += 1
    write("sigv4", "dynamodb", b"\x01POST\n/\n\nhost:dynamodb.us-east-1.amazonaws.com\n"
          b"content-type:application/x-amz-json-1.0\nx-amz-date:20150830T123600Z\n"
          b"x-amz-target:DynamoDB_20120810.GetItem\nx-amz-security-token:AQoDYXdzEPT//////////wEXAMPLE")
    write("sigv4", "dots", b"\x01GET\n/a/./b/../../c//d/%2e%2E/e%20f/\nb=2&a=1&a=0&%zz=%41&=x&y\n"
          b"Host : example.com\nX-A:  one   two \nx-a:three\n")
    write("sigv4", "utf8", "\x00GET\n/ሴ/é\nk=ሴ&ሴ=v\nhost:example.com\nx-u:  é\t\t  ü ".encode())


# ---- json ---------------------------------------------------------------------

JSON_SEEDS = {
    "object": '{"a": 1, "b": [true, false, null], "c": {"d": "e\\u00e9\\ud83d\\ude00"}}',
    "numbers": '[0, -0, 1.5e+3, -1E-130, 12345678901234567890123456789012345678, 0.1e1]',
    "strings": '["", "\\"\\\\\\/\\b\\f\\n\\r\\t", "é日本😀"]',
    "deep": "[" * 40 + "]" * 40,
    "scalar": '"alone"',
    "bad-trailing-comma": '{"a": 1,}',
    "bad-leading-zero": "[01]",
    "bad-control": '["a\tb"]',
    "bad-surrogate": '["\\ud800"]',
    "bad-utf8": b'["\xc3\x28"]',
    "bad-two-values": "{} {}",
    "lines": '{\n  "a":\r\n  [1,\r 2,\n  x]\n}',
}


def json_seeds():
    for name, text in JSON_SEEDS.items():
        write("json", name, text)
    for name in sorted(os.listdir(os.path.join(TOP, "tests", "data", "seed"))):
        if name.endswith(".json"):
            with open(os.path.join(TOP, "tests", "data", "seed", name), "rb") as f:
                write("json", "seed-" + name, f.read())


# ---- attr -----------------------------------------------------------------------

ATTR_SEEDS = {
    "plain": '{"s":"hello","n":12345678901234567890123456789012345678,"f":-1.5e-3,"t":true,"z":null,'
             '"m":{"x":[1,"a",[],{}]},"e":""}',
    "typed": '{"s":{"S":"x"},"n":{"N":"-0.5"},"b":{"B":"AAEC"},"ss":{"SS":["a","b"]},'
             '"ns":{"NS":["1","2.5"]},"bs":{"BS":["AA==","AQ=="]},"bool":{"BOOL":false},'
             '"null":{"NULL":true},"m":{"M":{"l":{"L":[{"S":"y"},{"N":"1E+125"}]}}}}',
    "mixed": '{"a":{"S":"x"},"b":2}',
    "escapes": '{"k\\u00e9y":"caf\\u00e9 \\ud83d\\ude00","q":"say \\"hi\\" \\\\ \\/ \\n","":"empty"}',
    "number-edges": '{"a":9.9999999999999999999999999999999999999E+125,"b":1E-130,'
                    '"c":123456789012345678901234567890123456789,"d":1E+126}',
    "document": '{"TableName":"t","Item":{"pk":"a","n":1},"Key":{"pk":{"S":"a"}},'
                '"ExpressionAttributeValues":{":v":5},"Limit":10}',
    "document-batch": '{"RequestItems":{"t":[{"PutRequest":{"Item":{"a":1}}},'
                      '{"DeleteRequest":{"Key":{"a":{"N":"1"}}}}]}}',
    "document-partiql": '{"Statement":"SELECT * FROM t WHERE a=?","Parameters":[1,"x",{"S":"y"}]}',
    "wire-page": '{"Items":[{"a":{"N":"1"}},{"b":{"SS":["x"]}}],"Count":2}',
    "value": '{"N":"1.50"}',
    "value-set": '{"BS":["AAEC","/w=="]}',
    "bad-type": '{"a":{"X":"1"}}',
    "bad-number": '{"a":{"N":"1e"}}',
    "bad-base64": '{"a":{"B":"*"}}',
    "bad-empty-set": '{"a":{"SS":[]}}',
    "deep": '{"a":' + "[" * 130 + "]" * 130 + "}",
    "deep-127": '{"a":' + "[" * 127 + "1" + "]" * 127 + "}",
    "deep-typed-127": '{"a":' + '{"L":[' * 127 + '{"N":"1"}' + "]}" * 127 + "}",
}


def attr_seeds():
    for name, text in ATTR_SEEDS.items():
        write("attr", name, text)
    for name in sorted(os.listdir(os.path.join(TOP, "tests", "data", "seed"))):
        if name.endswith(".json"):
            with open(os.path.join(TOP, "tests", "data", "seed", name), "rb") as f:
                write("attr", "seed-" + name, f.read())


# ---- page, export -----------------------------------------------------------

ITEM_ALL = ('{"pk":{"S":"a"},"num":{"N":"12345678901234567890123456789012345678"},'
            '"bin":{"B":"AAEC"},"ok":{"BOOL":true},"nil":{"NULL":true},'
            '"ss":{"SS":["x","y"]},"ns":{"NS":["1","-2.5"]},"bs":{"BS":["AA=="]},'
            '"l":{"L":[{"S":"q"},{"N":"1"}]},"m":{"M":{"in":{"S":"side"}}}}')
ITEM_TEXT = '{"pk":{"S":"b"},"text":{"S":"caf\\u00e9, \\"quoted\\"\\n line; two"},"n":{"N":"-0"}}'

PAGE_SEEDS = {
    "scan": '{"Items":[%s,%s],"Count":2,"ScannedCount":5,'
            '"LastEvaluatedKey":{"pk":{"S":"b"}},'
            '"ConsumedCapacity":{"TableName":"t","CapacityUnits":0.5}}' % (ITEM_ALL, ITEM_TEXT),
    "scan-last": '{"Items":[],"Count":0,"ScannedCount":0}',
    "query-pretty": '{\n  "Items" : [ {\n    "a" : { "S" : "1" } ,\n    "b" : {"L":[ {"S":"x"} , {"NULL":true} ]}\n  } ],\n'
                    '  "Count" : 1\n}\n',
    "list-tables": '{"TableNames":["alpha","be\\u0074a","\\ud83d\\ude00"],"LastEvaluatedTableName":"be\\u0074a"}',
    "list-tables-last": '{"TableNames":[]}',
    "partiql": '{"Items":[{"a":{"S":"1"}}],"NextToken":"abc/+=",'
               '"ConsumedCapacity":[{"CapacityUnits":0.5},{"CapacityUnits":1.5}]}',
    "names": '{"Items":[{"na\\u006de":{"S":"1"},"\\ud83d\\ude00":{"S":"2"}},{"name":{"S":"3"}}]}',
    "other-members": '{"Other":{"Items":[1,2,{"x":[true,false,null,-0.5e+3]}]},"Items":[{"a":{"N":"1"}}]}',
    "bad-unclosed": '{"Items":[}',
    "bad-not-item": '{"Items":[1]}',
    "bad-items-object": '{"Items":{}}',
    "bad-root": '[{"Items":[]}]',
    "bad-lone-surrogate": '{"Items":[{"s":{"S":"a\\ud83d b"}}]}',
}


def page_seeds():
    for name, text in PAGE_SEEDS.items():
        write("page", name, text)
    for name, text in PAGE_SEEDS.items():
        if name.startswith("bad-"):
            continue
        for flag in range(12):
            if (flag & 3) == 3:
                continue
            write("export", "%s-%d" % (name, flag), bytes([flag]) + text.encode())


# ---- sources ----------------------------------------------------------------------

def sources_seeds():
    good = {
        "version": 1,
        "sources": [
            {"id": "0b6c1f0e-5d0e-4f4a-9a55-2f1f0d4c1a01", "name": "prod", "auth": "iam-keys",
             "region": "eu-west-1", "access_key_id": "AKIDEXAMPLE", "read_only": True},
            {"id": "0b6c1f0e-5d0e-4f4a-9a55-2f1f0d4c1a02", "name": "role", "auth": "role-arn",
             "region": "us-east-1", "role_arn": "arn:aws:iam::123456789012:role/Reader",
             "session_name": "desk", "external_id": "ext-1",
             "base_source_id": "0b6c1f0e-5d0e-4f4a-9a55-2f1f0d4c1a01", "color": "blue",
             "read_only": False},
            {"id": "0b6c1f0e-5d0e-4f4a-9a55-2f1f0d4c1a03", "name": "local", "auth": "instance-profile",
             "endpoint": "http://127.0.0.1:8000", "read_only": False},
            {"id": "0b6c1f0e-5d0e-4f4a-9a55-2f1f0d4c1a04", "name": "profile", "auth": "profile",
             "profile": "dev", "region": "us-west-2", "read_only": False},
        ],
    }
    write("sources", "good", json.dumps(good, indent=2))
    write("sources", "empty-list", '{"version":1,"sources":[]}')
    skipped = json.loads(json.dumps(good))
    skipped["sources"].append({"id": skipped["sources"][0]["id"], "name": "dup", "auth": "iam-keys"})
    skipped["sources"].append({"name": "no id", "auth": "iam-keys"})
    skipped["sources"].append({"id": "x", "name": "bad auth", "auth": "telepathy"})
    skipped["sources"].append(7)
    write("sources", "skipped", json.dumps(skipped))
    write("sources", "bad-version", '{"version":2,"sources":[]}')
    write("sources", "bad-truncated", json.dumps(good)[:120])
    write("sources", "bad-array", "[]")
    write("sources", "bad-empty", "")


# ---- profile files: the SDKs' shared parser suite ----------------------------

def profile_seeds():
    path = os.path.join(TOP, "tests", "data", "smithy-rs", "profile-parser-tests.json")
    with open(path) as f:
        tests = json.load(f)["tests"]
    for i, test in enumerate(tests):
        given = test["input"]
        if "configFile" in given:
            write("profile", "suite-%02d-config" % i, b"\x00" + given["configFile"].encode())
        if "credentialsFile" in given:
            write("profile", "suite-%02d-credentials" % i, b"\x01" + given["credentialsFile"].encode())


# ---- credential answers: STS XML, IMDS and container JSON --------------------

STS_OK = """<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/desk</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:desk</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW</SessionToken>
      <Expiration>2030-11-09T13:34:41Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>
"""

STS_ERROR = """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>AccessDenied</Code>
  <Message>User: arn:aws:iam::123456789012:user/x is not authorized to perform: sts:AssumeRole &amp; more</Message></Error>
  <RequestId>4c0a0d9b-EXAMPLE</RequestId>
</ErrorResponse>
"""

IMDS_OK = """{"Code":"Success","LastUpdated":"2030-11-09T12:00:00Z","Type":"AWS-HMAC",
"AccessKeyId":"ASIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
"Token":"AQoDYXdzEPT//////////wEXAMPLE","Expiration":"2030-11-09T18:00:00Z"}"""


def sts_seeds():
    web = STS_OK.replace("AssumeRoleResponse", "AssumeRoleWithWebIdentityResponse").replace(
        "AssumeRoleResult", "AssumeRoleWithWebIdentityResult")
    write("sts", "assume-role", b"\x00" + STS_OK.encode())
    write("sts", "web-identity", b"\x01" + web.encode())
    write("sts", "assume-role-cdata", b"\x00" + STS_OK.replace(
        "<Expiration>2030-11-09T13:34:41Z</Expiration>",
        "<Expiration><![CDATA[2030-11-09T13:34:41Z]]></Expiration><!-- c -->").encode())
    write("sts", "error", b"\x02" + STS_ERROR.encode())
    write("sts", "error-503", b"\x26" + b"<html>Service Unavailable</html>")
    botocore = os.path.join(TOP, "tests", "data", "botocore",
                            "unit__response_parsing__xml__errors__sts-get-session-token.xml")
    with open(botocore, "rb") as f:
        write("sts", "error-botocore", b"\x02" + f.read())
    write("sts", "imds", b"\x03" + IMDS_OK.encode())
    write("sts", "container", b"\x03" + IMDS_OK.replace('"Code":"Success","LastUpdated":"2030-11-09T12:00:00Z","Type":"AWS-HMAC",', "").encode())
    write("sts", "imds-failed", b"\x03" + b'{"Code":"AssumeRoleUnauthorizedAccess","Message":"no"}')


# ---- the undo journal ----------------------------------------------------------

JOURNAL_INTENT = ('{"v":1,"type":"intent","id":"%s","time":"2026-11-24T10:00:00Z","source":"s",'
                  '"table":"T","key":{"pk":{"S":"a"}},"old":%s,"new":%s}')
JOURNAL_OUTCOME = '{"v":1,"type":"outcome","id":"%s","time":"2026-11-24T10:00:01Z","outcome":"%s"%s}'


def journal_seeds():
    a = "0b6c1f0e-5d0e-4f4a-9a55-2f1f0d4c1a01"
    b = "0b6c1f0e-5d0e-4f4a-9a55-2f1f0d4c1a02"
    c = "0b6c1f0e-5d0e-4f4a-9a55-2f1f0d4c1a03"
    old = '{"pk":{"S":"a"},"n":{"N":"1"},"m":{"M":{"l":{"L":[{"S":"x"}]}}}}'
    new = '{"pk":{"S":"a"},"n":{"N":"12345678901234567890123456789012345678"}}'
    lines = [
        JOURNAL_INTENT % (a, "null", new),
        JOURNAL_OUTCOME % (a, "done", ""),
        JOURNAL_INTENT % (b, old, '"delete"'),
        JOURNAL_OUTCOME % (b, "failed", ',"error":"ConditionalCheckFailedException: no"'),
        JOURNAL_INTENT % (c, old, new),
    ]
    write("journal", "entries", "\n".join(lines) + "\n")
    write("journal", "torn-last-line", "\n".join(lines) + "\n" + lines[0][:40])
    write("journal", "outcome-with-values", "\n".join(lines[:1]) + "\n" +
          JOURNAL_OUTCOME % (a, "done", ',"old":null,"new":' + new) + "\n")
    write("journal", "empty", "")
    write("journal", "damaged", lines[0] + "\n{not json}\n\n" + lines[4] + "\n")


def main():
    journal_seeds()
    profile_seeds()
    sts_seeds()
    sigv4_seeds()
    json_seeds()
    attr_seeds()
    page_seeds()
    sources_seeds()
    for target in sorted(os.listdir(CORPUS)):
        print(target, len(os.listdir(os.path.join(CORPUS, target))))


if __name__ == "__main__":
    main()
