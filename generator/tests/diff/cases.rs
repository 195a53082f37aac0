//! The catalogue of spec changes, shared by `diff_catalogue.rs` (their
//! classification) and `diff_compiles.rs` (what breaks really breaks).
//! Each case edits `tests/diff/base.yaml`; every edit must match once.

pub const BASE: &str = include_str!("base.yaml");

pub struct Case {
    pub name: &'static str,
    pub edits: &'static [(&'static str, &'static str)],
    pub expect: &'static [&'static str],
}

const TOOLS_PATH: &str = "  /tools:\n    post:\n      operationId: createTool\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/Tool'}\n      responses:\n        '200':\n          description: created\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Tool'}\n";
const CALL_GET: &str = "    get:\n      operationId: getCall\n";
const NOT_FOUND: &str = "        '404':\n          description: not found\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Problem'}\n";

pub const CASES: &[Case] = &[
    Case {
        name: "the same spec",
        edits: &[],
        expect: &[],
    },
    Case {
        name: "docs only",
        edits: &[("description: A voice (no operation uses it).", "description: A voice, reworded.")],
        expect: &[],
    },
    Case {
        name: "operation added",
        edits: &[("  /tools:\n", "  /health:\n    get:\n      operationId: health\n      responses:\n        '200':\n          description: up\n          content:\n            application/json:\n              schema: {type: object, properties: {ok: {type: boolean}}}\n  /tools:\n")],
        expect: &["operation-added Client::health additive compatible fails"],
    },
    Case {
        name: "operation removed",
        edits: &[(TOOLS_PATH, "")],
        expect: &["operation-removed Client::create_tool breaking fails compatible"],
    },
    Case {
        name: "operation renamed",
        edits: &[("operationId: getCall", "operationId: fetchCall")],
        expect: &["operation-renamed Client::get_call breaking compatible compatible"],
    },
    Case {
        name: "operation moved to another path",
        edits: &[("  /calls/{call_id}:", "  /v2/calls/{call_id}:")],
        expect: &["operation-moved Client::get_call none fails fails"],
    },
    Case {
        name: "operation moved below its path",
        edits: &[("  /calls/{call_id}:", "  /calls/{call_id}/detail:")],
        expect: &["operation-moved Client::get_call none fails fails"],
    },
    Case {
        name: "operation renamed and moved",
        edits: &[("  /calls/{call_id}:", "  /v2/calls/{call_id}:"), ("operationId: getCall", "operationId: fetchCall")],
        // Neither the name nor the place is the same: another operation.
        expect: &[
            "operation-added Client::fetch_call additive compatible fails",
            "operation-removed Client::get_call breaking fails compatible",
        ],
    },
    Case {
        name: "operation moved to another method",
        edits: &[(CALL_GET, "    put:\n      operationId: getCall\n")],
        expect: &["operation-moved Client::get_call none fails fails"],
    },
    Case {
        name: "path parameter renamed",
        edits: &[
            ("  /calls/{call_id}:", "  /calls/{id}:"),
            ("{name: call_id, in: path", "{name: id, in: path"),
        ],
        expect: &["parameter-renamed Client::get_call(call_id) none compatible compatible"],
    },
    Case {
        name: "required query parameter added",
        edits: &[("        - {name: page, in: query", "        - {name: region, in: query, required: true, schema: {type: string}}\n        - {name: page, in: query")],
        expect: &["parameter-added-required Client::list_calls(region) breaking fails compatible"],
    },
    Case {
        name: "optional query parameter added",
        edits: &[("        - {name: page, in: query", "        - {name: region, in: query, schema: {type: string}}\n        - {name: page, in: query")],
        expect: &["parameter-added-optional Client::list_calls(region) additive compatible compatible"],
    },
    Case {
        name: "query parameter removed",
        edits: &[("        - {name: page_size, in: query, schema: {type: integer, maximum: 100}}\n", "")],
        expect: &["parameter-removed Client::list_calls(page_size) breaking compatible compatible"],
    },
    Case {
        name: "query parameter renamed",
        edits: &[("{name: page_size, in: query", "{name: per_page, in: query")],
        expect: &["parameter-renamed Client::list_calls(page_size) breaking fails fails"],
    },
    Case {
        name: "query parameter renamed and retyped",
        edits: &[("{name: page_size, in: query, schema: {type: integer, maximum: 100}}", "{name: per_page, in: query, schema: {type: string}}")],
        // Not a rename: the type differs too.
        expect: &[
            "parameter-added-optional Client::list_calls(per_page) additive compatible compatible",
            "parameter-removed Client::list_calls(page_size) breaking compatible compatible",
        ],
    },
    Case {
        name: "two query parameters replaced by one alike",
        edits: &[("        - {name: page, in: query, schema: {type: integer, minimum: 1}}\n        - {name: page_size, in: query, schema: {type: integer, maximum: 100}}\n", "        - {name: offset, in: query, schema: {type: integer}}\n")],
        // Not a rename: which of the two would it be?
        expect: &[
            "parameter-added-optional Client::list_calls(offset) additive compatible compatible",
            "parameter-removed Client::list_calls(page) breaking compatible compatible",
            "parameter-removed Client::list_calls(page_size) breaking compatible compatible",
        ],
    },
    Case {
        name: "one query parameter replaced by two alike",
        edits: &[("        - {name: page_size, in: query, schema: {type: integer, maximum: 100}}\n", "        - {name: limit, in: query, schema: {type: integer}}\n        - {name: offset, in: query, schema: {type: integer}}\n")],
        expect: &[
            "parameter-added-optional Client::list_calls(limit) additive compatible compatible",
            "parameter-added-optional Client::list_calls(offset) additive compatible compatible",
            "parameter-removed Client::list_calls(page_size) breaking compatible compatible",
        ],
    },
    Case {
        name: "query parameter moved to a header",
        edits: &[("{name: status, in: query", "{name: status, in: header")],
        expect: &["parameter-moved Client::list_calls(status) none fails fails"],
    },
    Case {
        name: "query parameter made required",
        edits: &[("{name: page, in: query, schema", "{name: page, in: query, required: true, schema")],
        expect: &["parameter-now-required Client::list_calls(page) breaking may-fail compatible"],
    },
    Case {
        name: "query parameter type changed",
        edits: &[("{name: page, in: query, schema: {type: integer, minimum: 1}}", "{name: page, in: query, schema: {type: string}}")],
        expect: &[
            "parameter-type-changed Client::list_calls(page) breaking fails fails",
            "constraint-loosened Client::list_calls(page) none compatible may-fail",
        ],
    },
    Case {
        name: "query parameter bound tightened",
        edits: &[("maximum: 100}", "maximum: 50}")],
        expect: &["constraint-tightened Client::list_calls(page_size) none may-fail compatible"],
    },
    Case {
        name: "request body type changed",
        edits: &[("            schema: {$ref: '#/components/schemas/CallCreate'}", "            schema: {$ref: '#/components/schemas/Voice'}")],
        expect: &["request-body-type-changed Client::dispatch_call breaking fails fails"],
    },
    Case {
        name: "request body made optional",
        edits: &[("      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/CallCreate'}", "      requestBody:\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/CallCreate'}")],
        expect: &["request-body-required-changed Client::dispatch_call breaking compatible may-fail"],
    },
    Case {
        name: "request content type changed (JSON to multipart)",
        edits: &[("          application/json:\n            schema: {$ref: '#/components/schemas/CallCreate'}", "          multipart/form-data:\n            schema: {$ref: '#/components/schemas/CallCreate'}")],
        // The same typed value goes in (proven by `diff_compiles`, which
        // once found this classified as breaking).
        expect: &["request-content-type-changed Client::dispatch_call none fails fails"],
    },
    Case {
        name: "request content type changed (JSON to bytes)",
        edits: &[("          application/json:\n            schema: {$ref: '#/components/schemas/CallCreate'}", "          application/octet-stream:\n            schema: {type: string, format: binary}")],
        // Raw bytes take bytes, not the typed value.
        expect: &[
            "request-body-type-changed Client::dispatch_call breaking fails fails",
            "request-content-type-changed Client::dispatch_call breaking fails fails",
        ],
    },
    Case {
        name: "request content type changed (JSON to form)",
        edits: &[("          application/json:\n            schema: {$ref: '#/components/schemas/CallCreate'}", "          application/x-www-form-urlencoded:\n            schema: {$ref: '#/components/schemas/CallCreate'}")],
        expect: &["request-content-type-changed Client::dispatch_call none fails fails"],
    },
    Case {
        name: "success body changed",
        edits: &[("              schema: {$ref: '#/components/schemas/Call'}", "              schema: {$ref: '#/components/schemas/CallCreated'}")],
        expect: &["success-body-changed Client::get_call breaking fails fails"],
    },
    Case {
        name: "event stream added beside JSON",
        edits: &[("              schema: {$ref: '#/components/schemas/Call'}", "              schema: {$ref: '#/components/schemas/Call'}\n            text/event-stream:\n              schema: {$ref: '#/components/schemas/Call'}")],
        expect: &["stream-method-added Client::get_call_stream additive compatible fails"],
    },
    Case {
        name: "success status changed",
        edits: &[("        '201':\n          description: dispatched", "        '202':\n          description: dispatched")],
        expect: &["success-status-changed Client::dispatch_call none may-fail may-fail"],
    },
    Case {
        name: "error status added",
        edits: &[(NOT_FOUND, "        '404':\n          description: not found\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Problem'}\n        '410':\n          description: gone\n")],
        expect: &["error-status-added GetCallError::Gone additive compatible compatible"],
    },
    Case {
        name: "error status removed",
        edits: &[(NOT_FOUND, "")],
        expect: &["error-status-removed GetCallError::NotFound breaking compatible compatible"],
    },
    Case {
        name: "error body changed",
        edits: &[(NOT_FOUND, "        '404':\n          description: not found\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/CallCreated'}\n")],
        expect: &["error-body-changed GetCallError::NotFound breaking compatible compatible"],
    },
    Case {
        name: "required field added to a request body",
        edits: &[("      required: [phone_number]\n      properties:\n", "      required: [phone_number, agent_ref]\n      properties:\n        agent_ref: {type: string}\n")],
        expect: &["field-added-required CallCreate.agent_ref breaking fails compatible"],
    },
    Case {
        name: "required field added to a response",
        edits: &[("      required: [id, status, created_at]\n      properties:\n", "      required: [id, status, created_at, region]\n      properties:\n        region: {type: string}\n")],
        expect: &["field-added-required Call.region additive compatible fails"],
    },
    Case {
        name: "optional field added",
        edits: &[("        caller_id: {type: string}\n", "        caller_id: {type: string}\n        label: {type: string}\n")],
        expect: &["field-added-optional CallCreate.label additive compatible compatible"],
    },
    Case {
        name: "required response field removed",
        edits: &[("      required: [id, status, created_at]", "      required: [id, status]"), ("        created_at: {type: string, format: date-time}\n", "")],
        expect: &["field-removed Call.created_at breaking fails compatible"],
    },
    Case {
        name: "required request field removed",
        edits: &[("      required: [phone_number]\n      properties:\n        phone_number: {type: string, maxLength: 20, pattern: '^\\+[0-9]+$'}\n", "      properties:\n")],
        // A new client leaves out what an old server requires.
        expect: &["field-removed CallCreate.phone_number breaking compatible fails"],
    },
    Case {
        name: "optional field removed",
        edits: &[("        duration: {type: integer}\n", "")],
        expect: &["field-removed Call.duration breaking compatible compatible"],
    },
    Case {
        name: "request field made required",
        edits: &[("      required: [phone_number]", "      required: [phone_number, caller_id]")],
        expect: &["field-now-required CallCreate.caller_id breaking may-fail compatible"],
    },
    Case {
        name: "response field made optional",
        edits: &[("      required: [id, status, created_at]", "      required: [id, created_at]")],
        expect: &["field-now-optional Call.status breaking may-fail compatible"],
    },
    Case {
        name: "response field made nullable",
        edits: &[("        agent_name: {type: string}", "        agent_name: {type: string, nullable: true}")],
        expect: &["field-now-nullable Call.agent_name breaking may-fail compatible"],
    },
    Case {
        name: "request field no longer nullable",
        edits: &[("        note: {type: string, nullable: true}", "        note: {type: string}")],
        expect: &["field-no-longer-nullable CallCreate.note breaking may-fail compatible"],
    },
    Case {
        name: "field type changed",
        edits: &[("        duration: {type: integer}", "        duration: {type: string}")],
        expect: &["field-type-changed Call.duration breaking fails fails"],
    },
    Case {
        name: "format uuid added",
        edits: &[("        caller_id: {type: string}", "        caller_id: {type: string, format: uuid}")],
        expect: &["field-type-changed CallCreate.caller_id breaking may-fail may-fail"],
    },
    Case {
        name: "default changed",
        edits: &[("default: 1,", "default: 5,")],
        expect: &["field-default-changed CallCreate.priority none may-fail compatible"],
    },
    Case {
        name: "maxLength tightened",
        edits: &[("maxLength: 20", "maxLength: 15")],
        expect: &["constraint-tightened CallCreate.phone_number none may-fail compatible"],
    },
    Case {
        name: "maximum loosened",
        edits: &[("maximum: 10}", "maximum: 20}")],
        expect: &["constraint-loosened CallCreate.priority none compatible may-fail"],
    },
    Case {
        name: "minimum made exclusive",
        edits: &[("minimum: 0, maximum: 10", "minimum: 0, exclusiveMinimum: true, maximum: 10")],
        expect: &["constraint-tightened CallCreate.priority none may-fail compatible"],
    },
    Case {
        name: "number enum value removed",
        edits: &[("enum: [0, 1, 3]", "enum: [0, 1]")],
        expect: &["constraint-tightened CallCreate.retries none may-fail compatible"],
    },
    Case {
        name: "number enum value added",
        edits: &[("enum: [0, 1, 3]", "enum: [0, 1, 3, 5]")],
        expect: &["constraint-loosened CallCreate.retries none compatible may-fail"],
    },
    Case {
        name: "number enum value replaced",
        edits: &[("enum: [0, 1, 3]", "enum: [0, 1, 2]")],
        expect: &[
            "constraint-tightened CallCreate.retries none may-fail compatible",
            "constraint-loosened CallCreate.retries none compatible may-fail",
        ],
    },
    Case {
        name: "number enum dropped",
        edits: &[("retries: {type: integer, enum: [0, 1, 3]}", "retries: {type: integer}")],
        expect: &["constraint-loosened CallCreate.retries none compatible may-fail"],
    },
    Case {
        name: "number enum given to a field",
        edits: &[("priority: {type: integer, default: 1, minimum: 0, maximum: 10}", "priority: {type: integer, default: 1, minimum: 0, maximum: 10, enum: [1, 5, 10]}")],
        expect: &["constraint-tightened CallCreate.priority none may-fail compatible"],
    },
    Case {
        name: "pattern changed",
        edits: &[("pattern: '^\\+[0-9]+$'", "pattern: '^\\+[1-9][0-9]+$'")],
        expect: &["pattern-changed CallCreate.phone_number none may-fail may-fail"],
    },
    Case {
        name: "enum value added",
        edits: &[("enum: [queued, ringing, done]", "enum: [queued, ringing, done, failed]")],
        expect: &["enum-value-added CallStatus::Failed additive compatible may-fail"],
    },
    Case {
        name: "enum value removed",
        edits: &[("enum: [queued, ringing, done]", "enum: [queued, done]")],
        expect: &["enum-value-removed CallStatus::Ringing breaking may-fail compatible"],
    },
    Case {
        name: "union variant added",
        edits: &[
            ("        - {$ref: '#/components/schemas/TransferTool'}\n", "        - {$ref: '#/components/schemas/TransferTool'}\n        - {$ref: '#/components/schemas/ForwardTool'}\n"),
            ("          transfer: '#/components/schemas/TransferTool'\n", "          transfer: '#/components/schemas/TransferTool'\n          forward: '#/components/schemas/ForwardTool'\n"),
            ("    Voice:\n", "    ForwardTool:\n      type: object\n      required: [type, to]\n      properties:\n        type: {type: string, enum: [forward]}\n        to: {type: string}\n    Voice:\n"),
        ],
        expect: &[
            "type-added ForwardTool additive compatible compatible",
            "union-variant-added Tool::ForwardTool additive compatible may-fail",
        ],
    },
    Case {
        name: "union variant removed",
        edits: &[
            ("        - {$ref: '#/components/schemas/TransferTool'}\n", ""),
            ("          transfer: '#/components/schemas/TransferTool'\n", ""),
        ],
        expect: &[
            "union-variant-removed Tool::TransferTool breaking may-fail compatible",
            // No longer a variant, and used by nothing: its tag field is back.
            "field-added-required TransferTool.type_ breaking fails fails",
        ],
    },
    Case {
        name: "union reduced to one variant",
        edits: &[
            ("        - {$ref: '#/components/schemas/HangupTool'}\n        - {$ref: '#/components/schemas/TransferTool'}\n", ""),
            ("          hangup: '#/components/schemas/HangupTool'\n          transfer: '#/components/schemas/TransferTool'\n", ""),
        ],
        expect: &[
            // One branch is that branch's type: `Tool` becomes an alias.
            "type-kind-changed Tool breaking fails fails",
            "field-added-required WebhookTool.type_ breaking fails fails",
            "field-added-required HangupTool.type_ breaking fails fails",
            "field-added-required TransferTool.type_ breaking fails fails",
        ],
    },
    Case {
        name: "union tag value changed",
        edits: &[("          hangup: '#/components/schemas/HangupTool'", "          end_call: '#/components/schemas/HangupTool'")],
        expect: &["union-tag-value-changed Tool::HangupTool none fails fails"],
    },
    Case {
        name: "union tag property changed",
        edits: &[("        propertyName: type\n", "        propertyName: kind\n")],
        expect: &[
            "union-tag-changed Tool none fails fails",
            // The structs no longer carry the union's tag, so they keep `type`.
            "field-added-required WebhookTool.type_ breaking fails fails",
            "field-added-required HangupTool.type_ breaking fails fails",
            "field-added-required TransferTool.type_ breaking fails fails",
        ],
    },
    Case {
        name: "union made untagged",
        edits: &[("      discriminator:\n        propertyName: type\n        mapping:\n          webhook: '#/components/schemas/WebhookTool'\n          hangup: '#/components/schemas/HangupTool'\n          transfer: '#/components/schemas/TransferTool'\n", ""), ("        type: {type: string, enum: [hangup]}\n", "")],
        // `Tool::Unknown` is gone; the structs keep their `type`.
        expect: &[
            "field-added-required TransferTool.type_ breaking fails fails",
            "field-added-required WebhookTool.type_ breaking fails fails",
            "union-tag-changed Tool breaking fails fails",
        ],
    },
    Case {
        name: "union tag property changed, with a default",
        edits: &[
            ("openapi: 3.0.3", "openapi: 3.2.0"),
            ("        propertyName: type\n", "        propertyName: kind\n"),
            ("          transfer: '#/components/schemas/TransferTool'\n", "          transfer: '#/components/schemas/TransferTool'\n        defaultMapping: WebhookTool\n"),
        ],
        // The default takes what `Unknown` took.
        expect: &[
            "field-added-required HangupTool.type_ breaking fails fails",
            "field-added-required TransferTool.type_ breaking fails fails",
            "field-added-required WebhookTool.type_ breaking fails fails",
            "union-default-changed Tool breaking may-fail may-fail",
            "union-tag-changed Tool none fails fails",
        ],
    },
    Case {
        name: "union default mapping added",
        edits: &[
            ("openapi: 3.0.3", "openapi: 3.2.0"),
            ("          transfer: '#/components/schemas/TransferTool'\n", "          transfer: '#/components/schemas/TransferTool'\n        defaultMapping: WebhookTool\n"),
        ],
        expect: &[
            "union-default-changed Tool breaking may-fail may-fail",
            // The default variant keeps its tag field: it holds whatever tag arrived.
            "field-added-required WebhookTool.type_ breaking fails fails",
        ],
    },
    Case {
        name: "request body removed",
        edits: &[("      operationId: createTool\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/Tool'}\n", "      operationId: createTool\n")],
        expect: &["request-body-removed Client::create_tool breaking compatible may-fail"],
    },
    Case {
        name: "request body added",
        edits: &[(CALL_GET, "    get:\n      operationId: getCall\n      requestBody:\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/Voice'}\n")],
        expect: &["request-body-added Client::get_call breaking compatible compatible"],
    },
    Case {
        name: "write-only added",
        edits: &[("        caller_id: {type: string}", "        caller_id: {type: string, writeOnly: true}")],
        expect: &["field-now-write-only CallCreate.caller_id none may-fail compatible"],
    },
    Case {
        name: "alias changed",
        edits: &[("    Label:\n      type: string\n", "    Label:\n      type: integer\n")],
        expect: &["type-changed Label breaking fails fails"],
    },
    Case {
        name: "schema renamed, same shape",
        edits: &[("    Voice:\n", "    VoiceProfile:\n")],
        expect: &["type-renamed Voice breaking compatible compatible"],
    },
    Case {
        name: "schema renamed and reshaped",
        edits: &[("    Voice:\n", "    Speaker:\n"), ("speed: {type: number}", "speed: {type: string}")],
        // Not a rename: the shape differs too.
        expect: &[
            "type-added Speaker additive compatible compatible",
            "type-removed Voice breaking compatible compatible",
        ],
    },
    Case {
        name: "operation and an unrelated schema removed",
        edits: &[(TOOLS_PATH, ""), ("    Voice:\n      description: A voice (no operation uses it).\n      type: object\n      properties:\n        name: {type: string}\n        speed: {type: number}\n", "")],
        // The operation takes only its own types with it.
        expect: &[
            "operation-removed Client::create_tool breaking fails compatible",
            "type-removed Voice breaking compatible compatible",
        ],
    },
    Case {
        name: "schema removed",
        edits: &[("    Voice:\n      description: A voice (no operation uses it).\n      type: object\n      properties:\n        name: {type: string}\n        speed: {type: number}\n", "")],
        expect: &["type-removed Voice breaking compatible compatible"],
    },
    Case {
        name: "schema kind changed",
        edits: &[("      type: object\n      properties:\n        name: {type: string}\n        speed: {type: number}\n", "      type: string\n      enum: [alto, bass]\n")],
        expect: &["type-kind-changed Voice breaking fails fails"],
    },
    Case {
        name: "read-only added",
        edits: &[("        agent_name: {type: string}", "        agent_name: {type: string, readOnly: true}")],
        expect: &["field-now-read-only Call.agent_name none may-fail compatible"],
    },
    Case {
        name: "extra properties allowed",
        edits: &[("        detail: {type: string}\n", "        detail: {type: string}\n      additionalProperties: {type: string}\n")],
        expect: &["extra-properties-added Problem additive compatible compatible"],
    },
    Case {
        name: "path parameter made a query parameter",
        edits: &[
            ("  /calls/{call_id}:", "  /calls:"),
            ("{name: call_id, in: path, required: true,", "{name: call_id, in: query, required: true,"),
        ],
        expect: &[
            "operation-moved Client::get_call none fails fails",
            "parameter-moved Client::get_call(call_id) breaking fails fails",
        ],
    },
    Case {
        name: "extra properties no longer allowed",
        edits: &[("        message: {type: string}\n      additionalProperties: {type: string}\n", "        message: {type: string}\n")],
        expect: &["extra-properties-removed CallCreated breaking compatible compatible"],
    },
    Case {
        name: "security scheme added",
        edits: &[("    legacyKey:", "    oauth:\n      type: oauth2\n      flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {}}}\n    legacyKey:")],
        expect: &["security-scheme-added oauth additive compatible compatible"],
    },
    Case {
        name: "security scheme removed",
        edits: &[("    legacyKey: {type: apiKey, in: header, name: X-Key}\n", "")],
        expect: &["security-scheme-removed legacyKey breaking compatible compatible"],
    },
    Case {
        name: "security scheme changed",
        edits: &[("name: X-Key}", "name: X-Api-Key}")],
        expect: &["security-scheme-changed legacyKey none fails fails"],
    },
    Case {
        name: "operation made public",
        edits: &[(CALL_GET, "    get:\n      operationId: getCall\n      security: []\n")],
        expect: &["operation-security-changed Client::get_call none may-fail may-fail"],
    },
    Case {
        name: "base URL changed",
        edits: &[("https://api.example.com", "https://api.example.org")],
        expect: &["base-url-changed base URL none may-fail compatible"],
    },
];

/// The base spec with the case's edits.
pub fn edited(case: &Case) -> String {
    let mut text = BASE.to_owned();
    for (from, to) in case.edits {
        assert_eq!(
            text.matches(from).count(),
            1,
            "{}: the edit {from:?} must match once",
            case.name
        );
        text = text.replacen(from, to, 1);
    }
    text
}
