//! Lowering on its own: a small spec in, the IR out, asserted field by field.

use super::lower;
use crate::ir::{
    Api, IntegerKind, Media, ParamLocation, PathSegment, StreamKind, Struct, TypeDef, TypeKind,
    TypeRef, Union,
};
use crate::load::load;
use crate::source::Source;

fn lowered(yaml: &str) -> Api {
    lowered_with_warnings(yaml).0
}

/// The IR and the warnings lowering gave (with the loader's).
fn lowered_with_warnings(yaml: &str) -> (Api, crate::Diagnostics) {
    let mut found = crate::Diagnostics::default();
    let document = load(&Source::new(yaml), &mut found).expect("the spec loads");
    let api = lower(&document, &mut found);
    assert!(!found.has_errors(), "{found:?}");
    (api, found)
}

fn named<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no type {name}: {:?}", names(api)))
}

/// The struct named `name`.
fn a_struct<'a>(api: &'a Api, name: &str) -> &'a Struct {
    match &named(api, name).kind {
        TypeKind::Struct(s) => s,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

/// The union named `name`.
fn a_union<'a>(api: &'a Api, name: &str) -> &'a Union {
    match &named(api, name).kind {
        TypeKind::Union(u) => u,
        other => panic!("{name} is not a union: {other:?}"),
    }
}

/// A spec of these component schemas (indented under `schemas:`) alone.
fn schemas(version: &str, schemas: &str) -> String {
    format!(
        "openapi: {version}\ninfo: {{title: T, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:{schemas}"
    )
}

/// Where the warnings whose message holds `words` point.
fn warned_at<'a>(found: &'a crate::Diagnostics, words: &str) -> Vec<&'a str> {
    found
        .items
        .iter()
        .filter(|d| d.message.contains(words))
        .map(|d| d.pointer.as_str())
        .collect()
}

fn names(api: &Api) -> Vec<&str> {
    api.types.iter().map(|t| t.name.as_str()).collect()
}

const SPEC: &str = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /orgs/{org}/users/{user_id}.json:
    parameters:
      - {name: user_id, in: path, required: true, schema: {type: integer, format: int64}}
      - {name: org, in: path, required: true, schema: {type: string, minLength: 2}}
    get:
      operationId: getUser
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {$ref: '#/components/schemas/User'}}
        '404':
          description: missing
          content:
            application/json: {schema: {$ref: '#/components/schemas/Problem'}}
components:
  schemas:
    User:
      type: object
      required: [name]
      properties:
        name: {type: string, maxLength: 10}
        apiToken: {type: string}
        friends: {type: array, items: {$ref: '#/components/schemas/Friend'}}
    Friend:
      type: object
      properties:
        nick: {$ref: '#/components/schemas/Nick'}
    Nick:
      type: object
      properties:
        text: {type: string, pattern: '^a'}
    Problem:
      type: object
      properties:
        detail: {type: string}
"#;

#[test]
fn a_path_template_becomes_literals_and_parameters() {
    let api = lowered(SPEC);
    let op = &api.operations[0];
    assert_eq!(op.name, "get_user");
    assert_eq!(op.method, "GET");
    let params: Vec<(&str, ParamLocation)> = op
        .params
        .iter()
        .map(|p| (p.wire.as_str(), p.location))
        .collect();
    assert_eq!(
        params,
        [
            ("org", ParamLocation::Path),
            ("user_id", ParamLocation::Path)
        ]
    );
    assert_eq!(
        op.template,
        [
            PathSegment::Literal("/orgs/".into()),
            PathSegment::Param(0),
            PathSegment::Literal("/users/".into()),
            PathSegment::Param(1),
            PathSegment::Literal(".json".into()),
        ]
    );
    assert_eq!(op.params[1].ty, TypeRef::Integer(IntegerKind::I64));
    assert_eq!(op.params[0].constraints.min_length, Some(2));
    assert!(op.params.iter().all(|p| p.required));
}

#[test]
fn fields_keep_their_wire_names_optionality_constraints_and_secrecy() {
    let api = lowered(SPEC);
    let user = a_struct(&api, "User");
    let fields: Vec<(&str, &str, bool, bool)> = user
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.wire.as_str(), f.optional, f.secret))
        .collect();
    assert_eq!(
        fields,
        [
            ("name", "name", false, false),
            ("api_token", "apiToken", true, true),
            ("friends", "friends", true, false),
        ]
    );
    assert_eq!(user.fields[0].constraints.max_length, Some(10));
    let friend = api.types.iter().position(|t| t.name == "Friend").unwrap();
    assert_eq!(
        user.fields[2].ty,
        TypeRef::Array(Box::new(TypeRef::Named(friend)))
    );
}

#[test]
fn types_validate_when_constraints_sit_anywhere_inside() {
    let api = lowered(SPEC);
    assert!(named(&api, "User").validates, "its own maxLength");
    // `pattern` is not checked before sending, so Nick has nothing to check,
    // and neither has Friend, which only refers to it.
    assert!(!named(&api, "Nick").validates);
    assert!(!named(&api, "Friend").validates);
    assert!(!named(&api, "Problem").validates);
}

#[test]
fn a_constraint_deep_down_makes_every_type_above_it_validate() {
    let spec = SPEC.replace("pattern: '^a'", "minLength: 1");
    let api = lowered(&spec);
    for name in ["Nick", "Friend", "User"] {
        assert!(named(&api, name).validates, "{name}");
    }
    assert!(!named(&api, "Problem").validates);
}

#[test]
fn error_bodies_are_the_structs_documented_for_error_statuses() {
    let api = lowered(SPEC);
    assert!(named(&api, "Problem").error_body);
    assert!(!named(&api, "User").error_body, "a success body");
    assert!(!named(&api, "Friend").error_body);
}

#[test]
fn numeric_bounds_are_kept_with_their_exclusiveness() {
    let api = lowered(&schemas(
        "3.0.3",
        r#"
    Range:
      type: object
      properties:
        low: {type: number, minimum: 1.5, exclusiveMinimum: true}
        high: {type: integer, maximum: 9}
"#,
    ));
    let range = named(&api, "Range");
    let TypeKind::Struct(s) = &range.kind else {
        panic!("a struct");
    };
    assert_eq!(s.fields[0].ty, TypeRef::Double);
    assert_eq!(s.fields[0].constraints.minimum, Some((1.5, true)));
    assert_eq!(s.fields[1].constraints.maximum, Some((9.0, false)));
    assert!(range.validates);
}

#[test]
fn discriminator_values_come_from_the_mapping_and_else_the_schema_name() {
    let api = lowered(&schemas(
        "3.0.3",
        r#"
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
      discriminator:
        propertyName: kind
        mapping:
          kitty: '#/components/schemas/Cat'
    Cat:
      type: object
      required: [kind]
      properties: {kind: {type: string}, purrs: {type: boolean}}
    Dog:
      type: object
      required: [kind]
      properties: {kind: {type: string}, barks: {type: boolean}}
"#,
    ));
    let pet = a_union(&api, "Pet");
    assert_eq!(pet.tag.as_deref(), Some("kind"));
    let values: Vec<(&str, Option<&str>)> = pet
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.tag_value.as_deref()))
        .collect();
    // An explicit mapping, and the implicit one (the schema's name) for the
    // schema the mapping leaves out, as OpenAPI says.
    assert_eq!(values, [("Cat", Some("kitty")), ("Dog", Some("Dog"))]);
}

#[test]
fn a_type_that_holds_itself_inside_a_tuple_is_boxed_there() {
    let api = lowered(
        r#"
openapi: 3.1.0
info: {title: T, version: '1'}
components:
  schemas:
    Node:
      type: object
      required: [pair]
      properties:
        pair:
          type: array
          prefixItems:
            - {type: integer}
            - $ref: '#/components/schemas/Node'
"#,
    );
    let node = api.types.iter().position(|t| t.name == "Node").unwrap();
    let TypeKind::Struct(s) = &api.types[node].kind else {
        panic!("a struct");
    };
    let TypeRef::Tuple(items) = &s.fields[0].ty else {
        panic!("a tuple: {:?}", s.fields[0].ty);
    };
    assert_eq!(items[1], TypeRef::Boxed(Box::new(TypeRef::Named(node))));
}

#[test]
fn integer_formats_choose_the_width() {
    let api = lowered(&schemas(
        "3.0.3",
        r#"
    Sizes:
      type: object
      properties:
        a: {type: integer, format: int32}
        b: {type: integer, format: uint32}
        c: {type: integer, format: uint64}
        d: {type: integer}
"#,
    ));
    let s = a_struct(&api, "Sizes");
    let types: Vec<&TypeRef> = s.fields.iter().map(|f| &f.ty).collect();
    assert_eq!(
        types,
        [
            &TypeRef::Integer(IntegerKind::I32),
            &TypeRef::Integer(IntegerKind::U32),
            &TypeRef::Integer(IntegerKind::U64),
            &TypeRef::Integer(IntegerKind::I64),
        ]
    );
}

#[test]
fn a_tag_is_inferred_for_three_branches_that_each_fix_a_property() {
    let api = lowered(
        r#"
openapi: 3.1.0
info: {title: T, version: '1'}
components:
  schemas:
    Shape:
      oneOf:
        - {type: object, required: [kind], properties: {kind: {const: circle}, r: {type: number}}}
        - {type: object, required: [kind], properties: {kind: {const: square}, side: {type: number}}}
        - {type: object, required: [kind], properties: {kind: {const: dot}}}
"#,
    );
    let shape = a_union(&api, "Shape");
    assert_eq!(shape.tag.as_deref(), Some("kind"));
    let values: Vec<Option<&str>> = shape
        .variants
        .iter()
        .map(|v| v.tag_value.as_deref())
        .collect();
    assert_eq!(values, [Some("circle"), Some("square"), Some("dot")]);
}

#[test]
fn untagged_variants_are_tried_exact_shapes_first_and_catch_alls_last() {
    let api = lowered(&schemas(
        "3.0.3",
        r#"
    Value:
      oneOf:
        - {}
        - {type: object, additionalProperties: {type: string}}
        - {type: string}
        - {type: integer}
"#,
    ));
    let value = a_union(&api, "Value");
    let order: Vec<&TypeRef> = value.variants.iter().map(|v| &v.ty).collect();
    assert_eq!(
        order,
        [
            &TypeRef::Integer(IntegerKind::I64),
            &TypeRef::String,
            &TypeRef::Map(Box::new(TypeRef::String)),
            &TypeRef::Any,
        ]
    );
}

#[test]
fn a_property_with_several_values_does_not_tag_a_union() {
    let api = lowered(
        r#"
openapi: 3.1.0
info: {title: T, version: '1'}
components:
  schemas:
    Pet:
      oneOf:
        - {type: object, required: [kind], properties: {kind: {enum: [cat]}, purrs: {type: boolean}}}
        - {type: object, required: [kind], properties: {kind: {enum: [dog, puppy]}, barks: {type: boolean}}}
"#,
    );
    let pet = a_union(&api, "Pet");
    assert_eq!(
        pet.tag,
        None,
        "{:?}",
        pet.variants
            .iter()
            .map(|v| &v.tag_value)
            .collect::<Vec<_>>()
    );
}

#[test]
fn json_is_preferred_then_text_then_anything() {
    let api = lowered(
        r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /report:
    get:
      operationId: getReport
      responses:
        '200':
          description: ok
          content:
            application/pdf: {schema: {type: string, format: binary}}
            text/csv: {schema: {type: string}}
  /thing:
    get:
      operationId: getThing
      responses:
        '200':
          description: ok
          content:
            text/plain: {schema: {type: string}}
            application/json: {schema: {type: integer}}
"#,
    );
    let media: Vec<Media> = api.operations.iter().map(|op| op.success.media).collect();
    assert_eq!(media, [Media::Text, Media::Json]);
}

#[test]
fn a_nullable_list_of_items_still_pages() {
    let api = lowered(
        r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: page, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {type: array, nullable: true, items: {type: string}}
"#,
    );
    let paging = api.operations[0].pagination.as_ref().expect("pages");
    assert_eq!(paging.item, TypeRef::String);
    assert_eq!(paging.items.options, 2, "optional and nullable");
}

const TAGGED: &str = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /pets:
    post:
      operationId: addPet
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/Pet'}}
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {$ref: '#/components/schemas/Cat'}}
components:
  schemas:
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator: {propertyName: kind}
    Cat:
      type: object
      required: [kind]
      properties:
        kind: {type: string, enum: [Cat]}
    Dog:
      type: object
      required: [kind, name]
      properties:
        kind: {type: string, enum: [Dog]}
        name: {type: string}
  responses:
    OneDog:
      description: a dog
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Dog'}
          example: {kind: Dog, name: Rex}
"#;

fn field_names(s: &Struct) -> Vec<&str> {
    s.fields.iter().map(|f| f.wire.as_str()).collect()
}

#[test]
fn a_struct_used_only_as_a_tagged_variant_loses_its_tag_field_and_its_enum() {
    let api = lowered(TAGGED);
    assert_eq!(field_names(a_struct(&api, "Dog")), ["name"]);
    assert!(!names(&api).contains(&"DogKind"), "{:?}", names(&api));
    let pet = a_union(&api, "Pet");
    assert_eq!(pet.tag.as_deref(), Some("kind"));
    // The references were renumbered after the enum went.
    let dog = api.types.iter().position(|t| t.name == "Dog").unwrap();
    assert_eq!(pet.variants[1].ty, TypeRef::Named(dog));
}

/// The spec as an OpenAPI 3.2 document (`defaultMapping` is 3.2's).
fn in_32(spec: &str) -> String {
    spec.replace("openapi: 3.0.3", "openapi: 3.2.0")
}

#[test]
fn a_default_mapping_in_a_3_0_document_is_ignored_as_its_warning_says() {
    let spec = TAGGED.replace(
        "discriminator: {propertyName: kind}",
        "discriminator: {propertyName: kind, defaultMapping: Dog}",
    );
    let (api, found) = lowered_with_warnings(&spec);
    assert_eq!(
        defaults(a_union(&api, "Pet")),
        [("Cat", false), ("Dog", false)]
    );
    assert!(
        found.items[0].message.contains("it is ignored"),
        "{found:?}"
    );
}

fn defaults(u: &Union) -> Vec<(&str, bool)> {
    u.variants
        .iter()
        .map(|v| (v.name.as_str(), v.default))
        .collect()
}

#[test]
fn the_default_mapping_takes_unlisted_tags_and_keeps_its_tag_field() {
    let spec = in_32(&TAGGED.replace(
        "discriminator: {propertyName: kind}",
        "discriminator: {propertyName: kind, defaultMapping: Dog}",
    ));
    let (api, found) = lowered_with_warnings(&spec);
    let pet = a_union(&api, "Pet");
    assert_eq!(pet.tag.as_deref(), Some("kind"));
    assert_eq!(defaults(pet), [("Cat", false), ("Dog", true)]);
    // The field holds whatever tag arrived.
    assert_eq!(field_names(a_struct(&api, "Dog")), ["kind", "name"]);
    assert!(
        !found
            .items
            .iter()
            .any(|d| d.pointer.contains("defaultMapping")),
        "{found:?}"
    );
}

#[test]
fn a_default_mapping_that_is_no_branch_is_a_located_warning() {
    let spec = in_32(
        &TAGGED
            .replace(
                "discriminator: {propertyName: kind}",
                "discriminator: {propertyName: kind, defaultMapping: '#/components/schemas/Bird'}",
            )
            .replace("  responses:\n", "    Bird: {type: object}\n  responses:\n"),
    );
    let (api, found) = lowered_with_warnings(&spec);
    assert_eq!(
        defaults(a_union(&api, "Pet")),
        [("Cat", false), ("Dog", false)]
    );
    let warning = found
        .items
        .iter()
        .find(|d| d.pointer == "/components/schemas/Pet/discriminator/defaultMapping")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(
        warning.message.contains("`#/components/schemas/Bird`"),
        "{}",
        warning.message
    );
}

const POLYMORPHIC: &str = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /shape:
    get:
      operationId: getShape
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {$ref: '#/components/schemas/Shape'}}
components:
  schemas:
    Shape:
      type: object
      required: [shape]
      properties: {shape: {type: string}}
      discriminator:
        propertyName: shape
        mapping: {circle: Circle}
        defaultMapping: Polygon
    Circle:
      allOf: [{$ref: '#/components/schemas/Shape'}, {properties: {radius: {type: number}}}]
    Polygon:
      allOf: [{$ref: '#/components/schemas/Shape'}, {properties: {sides: {type: integer}}}]
    Dot: {type: object}
"#;

#[test]
fn a_polymorphic_base_maps_bare_names_and_adds_its_default_child() {
    let (api, found) = lowered_with_warnings(&in_32(POLYMORPHIC));
    let shape = a_union(&api, "Shape");
    assert_eq!(defaults(shape), [("Circle", false), ("Polygon", true)]);
    let tags: Vec<_> = shape
        .variants
        .iter()
        .map(|v| v.tag_value.as_deref())
        .collect();
    assert_eq!(tags, [Some("circle"), None]);
    assert!(found.items.is_empty(), "{found:?}");
}

#[test]
fn a_polymorphic_default_that_does_not_extend_the_base_is_a_located_warning() {
    let (api, found) = lowered_with_warnings(&in_32(
        &POLYMORPHIC.replace("defaultMapping: Polygon", "defaultMapping: Dot"),
    ));
    assert_eq!(defaults(a_union(&api, "Shape")), [("Circle", false)]);
    let warning = &found.items[0];
    assert_eq!(
        warning.pointer,
        "/components/schemas/Shape/discriminator/defaultMapping"
    );
    assert!(warning.message.contains("`Dot`"), "{}", warning.message);
}

#[test]
fn a_tagged_variant_used_elsewhere_too_keeps_its_tag() {
    let api = lowered(TAGGED);
    assert_eq!(field_names(a_struct(&api, "Cat")), ["kind"]);
    assert!(names(&api).contains(&"CatKind"));
}

#[test]
fn an_example_of_a_variant_is_checked_through_its_union_so_the_tag_round_trips() {
    let api = lowered(TAGGED);
    let example = api
        .examples
        .iter()
        .find(|e| e.value["name"] == "Rex")
        .expect("the Dog example");
    let pet = api.types.iter().position(|t| t.name == "Pet").unwrap();
    assert_eq!(example.ty, TypeRef::Named(pet));
}

#[test]
fn an_example_with_a_tag_no_union_gives_keeps_the_tag_field() {
    let api = lowered(&TAGGED.replace("{kind: Dog, name: Rex}", "{kind: Wolf, name: Rex}"));
    assert_eq!(field_names(a_struct(&api, "Dog")), ["kind", "name"]);
}

#[test]
fn operations_are_grouped_by_their_first_tag_in_the_order_tags_are_declared() {
    let api = lowered(
        r#"
openapi: 3.0.3
info: {title: T, version: '1'}
tags:
  - {name: Unused}
  - {name: Calls, description: Call dispatch.}
  - {name: Agents}
paths:
  /a:
    get: {operationId: untagged, responses: {'204': {description: ok}}}
    post: {operationId: stray, tags: [Zeta], responses: {'204': {description: ok}}}
    put: {operationId: agent, tags: [Agents, Calls], responses: {'204': {description: ok}}}
  /b:
    get: {operationId: call, tags: [Calls], responses: {'204': {description: ok}}}
"#,
    );
    let shown: Vec<(Option<&str>, Vec<&str>)> = api
        .groups
        .iter()
        .map(|g| {
            let ops = g
                .operations
                .iter()
                .map(|&i| api.operations[i].name.as_str());
            (g.tag.as_deref(), ops.collect())
        })
        .collect();
    assert_eq!(
        shown,
        [
            (Some("Calls"), vec!["call"]),
            (Some("Agents"), vec!["agent"]),
            (Some("Zeta"), vec!["stray"]),
            (None, vec!["untagged"]),
        ]
    );
    assert_eq!(api.groups[0].description.as_deref(), Some("Call dispatch."));
}

const TITLED: &str = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /orders:
    post:
      operationId: createOrder
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                payment:
                  title: Payment
                  type: object
                  properties: {amount: {type: integer}}
                status:
                  title: Status
                  type: string
                  enum: [open, closed]
                owner:
                  title: User
                  type: object
                  properties: {name: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  status: {title: Status, type: string, enum: [a, b]}
components:
  schemas:
    User: {type: object, properties: {id: {type: string}}}
"#;

#[test]
fn an_inline_schema_is_named_from_its_title_when_no_other_schema_shares_it() {
    let api = lowered(TITLED);
    let names = names(&api);
    assert!(names.contains(&"Payment"), "{names:?}");
    // Two schemas are titled `Status`, and `User` is a component's name:
    // both fall back to their paths.
    assert!(!names.iter().any(|n| n.starts_with("Status")), "{names:?}");
    assert!(names.contains(&"CreateOrderBodyStatus"), "{names:?}");
    assert!(names.contains(&"CreateOrderBodyOwner"), "{names:?}");
}

#[test]
fn long_path_names_are_shortened_the_same_whatever_else_the_spec_holds() {
    let deep = r#"
  /deep:
    get:
      operationId: getProjectEventSourceMapDebug
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  exceptions:
                    type: array
                    items:
                      type: object
                      properties:
                        frames:
                          type: array
                          items:
                            type: object
                            properties:
                              scraping_process:
                                type: object
                                properties:
                                  source_file: {type: string, enum: [found, missing]}
"#;
    let alone = TITLED.replace("paths:\n", &format!("paths:\n{}", &deep[1..]));
    let with_more = alone.replace(
        "components:",
        "  /more:\n    get: {operationId: more, responses: {'204': {description: ok}}}\ncomponents:",
    );
    for spec in [alone, with_more] {
        let api = lowered(&spec);
        let long = names(&api).into_iter().find(|n| n.ends_with("SourceFile"));
        assert_eq!(long, Some("GetProjectFramesScrapingProcessSourceFile"));
    }
}

#[test]
fn a_shortened_name_that_is_taken_gives_way_to_a_longer_one_before_a_number() {
    let spec = |components: &str| {
        format!(
            r#"
openapi: 3.0.3
info: {{title: T, version: '1'}}
paths:
  /invitations:
    get:
      operationId: listWorkspaceMemberInvitations
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  pending_invitation_details:
                    type: object
                    properties: {{email: {{type: string}}}}
components:
  schemas:
    Other: {{type: object, properties: {{a: {{type: string}}}}}}
{components}"#
        )
    };
    let detail_names = |api: &Api| -> Vec<String> {
        names(api)
            .into_iter()
            .filter(|n| n.ends_with("Details"))
            .map(str::to_owned)
            .collect()
    };
    let alone = lowered(&spec(""));
    assert_eq!(
        detail_names(&alone),
        ["ListWorkspaceInvitationsPendingInvitationDetails"]
    );
    // A component has that name: the inline schema takes its whole name
    // (55 characters) rather than the short one with a number.
    let taken = lowered(&spec(
        "    ListWorkspaceInvitationsPendingInvitationDetails: {type: object, properties: {b: {type: string}}}\n",
    ));
    assert_eq!(
        detail_names(&taken),
        [
            "ListWorkspaceInvitationsPendingInvitationDetails",
            "ListWorkspaceMemberInvitationsPendingInvitationDetails"
        ]
    );
}

const REPEATED: &str = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  owner: {type: object, properties: {name: {type: string}}}
                  state: {type: string, enum: [on, off]}
  /b:
    get:
      operationId: getLongerB
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                description: Docs do not count.
                properties:
                  owner: {type: object, properties: {name: {type: string}}}
                  state: {type: string, enum: [on, off]}
  /c:
    get:
      operationId: getC
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  owner: {type: object, properties: {name: {type: string, maxLength: 3}}}
components:
  schemas:
    Owner: {type: object, properties: {name: {type: string}}}
"#;

#[test]
fn identical_inline_shapes_become_one_type_named_by_the_shortest_copy() {
    let api = lowered(REPEATED);
    let names = names(&api);
    // getA's and getLongerB's bodies merge once their owners and states have.
    assert!(names.contains(&"GetAResponse"), "{names:?}");
    assert!(
        !names.iter().any(|n| n.starts_with("GetLongerB")),
        "{names:?}"
    );
    let a = api
        .types
        .iter()
        .position(|t| t.name == "GetAResponse")
        .unwrap();
    let bodies: Vec<&TypeRef> = api
        .operations
        .iter()
        .filter_map(|o| o.success.ty.as_ref())
        .collect();
    assert_eq!(bodies[0], &TypeRef::Named(a));
    assert_eq!(bodies[1], &TypeRef::Named(a));
    // A constraint makes another shape; the component stays its own type.
    assert!(names.contains(&"GetCResponseOwner"), "{names:?}");
    assert!(names.contains(&"Owner"), "{names:?}");
    assert!(names.contains(&"GetAResponseOwner"), "{names:?}");
}

#[test]
fn a_merged_name_stays_when_an_unrelated_operation_comes_first() {
    let more = REPEATED.replace(
        "paths:\n",
        "paths:\n  /first:\n    get: {operationId: aaa, responses: {'204': {description: ok}}}\n",
    );
    for spec in [REPEATED.to_owned(), more] {
        let api = lowered(&spec);
        assert!(
            names(&api).contains(&"GetAResponseState"),
            "{:?}",
            names(&api)
        );
    }
}

#[test]
fn accept_and_part_types_leave_out_what_a_header_cannot_carry() {
    let api = lowered(
        r#"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /up:
    post:
      operationId: up
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                a: {type: string, format: binary}
                b: {type: string, format: binary}
                c: {type: array, items: {type: string, format: binary}}
                d: {type: string, format: binary, nullable: true}
            encoding:
              a: {contentType: "image/pngé"}
              b: {contentType: "image/png, image/jpeg"}
      responses:
        "200":
          description: ok
          content:
            "application/pdfé": {schema: {type: string, format: binary}}
            application/zip: {schema: {type: string, format: binary}}
"#,
    );
    let op = &api.operations[0];
    assert_eq!(op.accept, ["application/zip"]);
    let body = op.body.as_ref().unwrap();
    assert_eq!(body.media, Media::Multipart);
    assert_eq!(body.part_types, [("b".to_owned(), "image/png".to_owned())]);
    let TypeRef::Named(id) = &body.ty else {
        panic!("{:?}", body.ty)
    };
    let TypeKind::Struct(form) = &api.types[*id].kind else {
        panic!("not a struct")
    };
    let types: Vec<&TypeRef> = form.fields.iter().map(|f| &f.ty).collect();
    assert_eq!(
        types,
        [
            &TypeRef::File,
            &TypeRef::File,
            &TypeRef::Array(Box::new(TypeRef::File)),
            &TypeRef::Nullable(Box::new(TypeRef::File))
        ]
    );
}

#[test]
fn a_nullable_component_is_optional_wherever_it_is_used_first() {
    // `Holder` is lowered before `Carrier`, whose `nullable` must still
    // reach the field (a server sends `"carrier": null`).
    let api = lowered(
        r#"
openapi: 3.0.3
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    Holder:
      type: object
      required: [carrier, wrapped]
      properties:
        carrier: {$ref: '#/components/schemas/Carrier'}
        wrapped: {$ref: '#/components/schemas/MaybeCarrier'}
    Carrier:
      type: object
      nullable: true
      properties:
        name: {type: string}
    MaybeCarrier:
      nullable: true
      allOf: [{$ref: '#/components/schemas/Carrier'}]
"#,
    );
    let holder = a_struct(&api, "Holder");
    let carrier = api.types.iter().position(|t| t.name == "Carrier").unwrap();
    assert_eq!(
        holder.fields[0].ty,
        TypeRef::Nullable(Box::new(TypeRef::Named(carrier)))
    );
    // An alias of an `Option` is not wrapped in another.
    assert!(
        matches!(holder.fields[1].ty, TypeRef::Named(_)),
        "{:?}",
        holder.fields[1].ty
    );
}

#[test]
fn an_operation_that_only_redirects_documents_no_success() {
    let api = lowered(
        r#"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /logout:
    get:
      operationId: logout
      responses:
        "302": {description: To the login page.}
  /me:
    get:
      operationId: me
      responses:
        "2XX": {description: You.}
"#,
    );
    let documented: Vec<bool> = api
        .operations
        .iter()
        .map(|op| op.success_documented)
        .collect();
    assert_eq!(documented, [false, true]);
}

#[test]
fn a_required_alternative_naming_a_property_the_object_lacks_is_left_out() {
    let api = lowered(
        r#"
openapi: 3.0.3
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    Message:
      type: object
      additionalProperties: false
      properties:
        template: {type: string}
        body: {type: string}
      anyOf:
        - required: [template]
        - required: [body, from]
"#,
    );
    let message = a_struct(&api, "Message");
    assert_eq!(message.required_alternatives, [vec!["template".to_owned()]]);
}

const STREAMS: &str = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /first:
    get:
      operationId: first
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                allOf:
                  - {$ref: '#/components/schemas/Token'}
                  - {type: object, properties: {extra: {type: string}}}
  /completions:
    post:
      operationId: complete
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                prompt: {type: string}
                stream: {type: boolean}
      responses:
        '200':
          description: JSON, or events with stream true
          content:
            application/json: {schema: {$ref: '#/components/schemas/Token'}}
            text/event-stream:
              schema: {type: object, properties: {delta: {type: string}}}
  /logs:
    get:
      operationId: logs
      responses:
        '200':
          description: lines
          content:
            application/x-ndjson: {schema: {type: string}}
  /complete_stream:
    get:
      operationId: complete_stream
      responses:
        '204': {description: taken}
components:
  schemas:
    Token:
      type: object
      properties: {text: {type: string}}
"#;

#[test]
fn only_a_boolean_field_named_stream_switches_the_stream_on() {
    let answers = "responses: {'200': {description: ok, content: {application/json: {schema: {type: string}}, text/event-stream: {schema: {type: string}}}}}";
    let spec = format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  \
         /a:\n    post:\n      operationId: a\n      requestBody: {{content: {{application/json: {{schema: {{type: object, properties: {{verbose: {{type: boolean}}, stream: {{type: string}}}}}}}}}}}}\n      {answers}\n  \
         /b:\n    post:\n      operationId: b\n      requestBody: {{content: {{application/json: {{schema: {{type: object, properties: {{stream: {{type: boolean, nullable: true}}}}}}}}}}}}\n      {answers}\n"
    );
    let api = lowered(&spec);
    let switch = |name: &str| {
        let op = api.operations.iter().find(|o| o.name == name).unwrap();
        op.stream.as_ref().and_then(|s| s.switch.clone())
    };
    assert_eq!(
        switch("a"),
        None,
        "a text `stream` and a boolean of another name"
    );
    assert_eq!(
        switch("b").as_deref(),
        Some("stream"),
        "nullable is still boolean"
    );
}

#[test]
fn streams_keep_their_item_type_and_a_name_of_their_own() {
    use crate::ir::StreamKind;
    let api = lowered(STREAMS);
    let op = |name: &str| api.operations.iter().find(|o| o.name == name).unwrap();
    let complete = op("complete");
    let stream = complete.stream.as_ref().expect("a streamed alternative");
    assert_eq!(stream.kind, StreamKind::Events);
    assert!(!stream.only);
    assert_eq!(complete.success.media, Media::Json);
    // `complete_stream` is another operation's: the stream method yields.
    assert_eq!(stream.method, "complete_stream2");
    assert_eq!(stream.switch.as_deref(), Some("stream"));
    // Types are renumbered after lowering (unused ones dropped, equal
    // shapes merged): the stream's item must follow.
    let TypeRef::Named(item) = &stream.item else {
        panic!("the item is {:?}", stream.item)
    };
    match &api.types[*item].kind {
        TypeKind::Struct(chunk) => assert_eq!(chunk.fields[0].wire, "delta"),
        other => panic!("the item is {other:?}"),
    }
    let logs = op("logs").stream.as_ref().expect("a stream");
    assert_eq!((logs.kind, logs.only), (StreamKind::Lines, true));
    assert_eq!(logs.item, TypeRef::String);
    assert_eq!(logs.method, "logs");
    assert_eq!(op("logs").accept, ["application/x-ndjson"]);
}

const BY_TAG: &str = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
tags: [{name: calls}, {name: agents}, {name: admin}]
paths:
  /agents:
    get:
      operationId: listAgents
      tags: [agents]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Agent'}}
              example: [{id: a1, voice: {name: v}}]
  /calls:
    post:
      operationId: dispatchCall
      tags: [calls]
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/CallCreate'}}
      responses:
        '201':
          description: ok
          content:
            application/json: {schema: {$ref: '#/components/schemas/Call'}}
  /admin/calls/{id}:
    delete:
      operationId: purgeCall
      tags: [admin, calls]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'204': {description: gone}}
components:
  schemas:
    Agent:
      type: object
      properties:
        id: {type: string}
        voice: {$ref: '#/components/schemas/Voice'}
    Voice:
      type: object
      properties: {name: {type: string}}
    CallCreate:
      type: object
      properties: {to: {type: string}}
    Call:
      type: object
      properties: {id: {type: string}}
"#;

fn selected(include: &[&str], exclude: &[&str]) -> (Api, crate::Diagnostics) {
    let mut api = lowered(BY_TAG);
    let mut found = crate::Diagnostics::default();
    let strings = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    super::select::select(&mut api, &strings(include), &strings(exclude), &mut found);
    (api, found)
}

fn operation_names(api: &Api) -> Vec<&str> {
    api.operations.iter().map(|o| o.name.as_str()).collect()
}

#[test]
fn a_tag_keeps_its_operations_and_only_the_types_they_reach() {
    let (api, found) = selected(&["tag:agents"], &[]);
    assert!(found.items.is_empty(), "{found:?}");
    assert_eq!(operation_names(&api), ["list_agents"]);
    let mut kept = names(&api);
    kept.sort();
    assert_eq!(
        kept,
        ["Agent", "Voice"],
        "Voice through Agent; the calls' types gone"
    );
    assert_eq!(api.groups.len(), 1);
    assert_eq!(api.groups[0].operations, [0]);
    assert_eq!(api.examples.len(), 1, "the kept operation's example stays");
    // Every reference still points at the type it named.
    let TypeKind::Struct(agent) = &named(&api, "Agent").kind else {
        panic!("Agent is a struct")
    };
    let voice = agent.fields.iter().find(|f| f.wire == "voice").unwrap();
    let mut target = Vec::new();
    voice
        .ty
        .each_named(&mut |id| target.push(api.types[id].name.clone()));
    assert_eq!(target, ["Voice"]);
}

#[test]
fn exclude_comes_after_include_and_paths_are_globs() {
    let (api, _) = selected(&["tag:calls"], &["path:/admin/**"]);
    assert_eq!(operation_names(&api), ["dispatch_call"]);
    let mut kept = names(&api);
    kept.sort();
    assert_eq!(kept, ["Call", "CallCreate"]);
    assert!(
        api.examples.is_empty(),
        "the agents' example went with Agent"
    );
    let (api, _) = selected(&["operation:purgeCall", "operation:list_agents"], &[]);
    assert_eq!(operation_names(&api), ["list_agents", "purge_call"]);
    // purge_call is in two tags: it is grouped under its first, admin.
    let tags: Vec<Option<&str>> = api.groups.iter().map(|g| g.tag.as_deref()).collect();
    assert_eq!(tags, [Some("agents"), Some("admin")]);
    let members: Vec<&[usize]> = api.groups.iter().map(|g| g.operations.as_slice()).collect();
    assert_eq!(
        members,
        [&[0][..], &[1]],
        "renumbered after the one dropped"
    );
}

#[test]
fn a_selector_that_selects_nothing_is_a_warning_and_a_bad_one_an_error() {
    let (api, found) = selected(&["tag:calls", "tag:billing"], &[]);
    assert_eq!(api.operations.len(), 2);
    assert_eq!(found.items.len(), 1);
    assert!(found.items[0]
        .message
        .contains("`tag:billing` selects no operation"));
    assert!(!found.has_errors());
    let (api, found) = selected(&["calls"], &[]);
    assert!(found.has_errors());
    assert_eq!(api.operations.len(), 3, "nothing is dropped on an error");
}

const PRICED: &str = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Order'}}
components:
  schemas:
    Order:
      type: object
      required: [id]
      properties:
        id: {type: string}
        line: {$ref: '#/components/schemas/Line'}
    Line:
      type: object
      properties:
        sku: {type: string, minLength: 1}
        price: {type: number}
    Tag:
      type: object
      properties: {label: {type: string}}
"#;

fn customized(replace: &[(&str, &str)], derive: &[(&str, &[&str])]) -> (Api, crate::Diagnostics) {
    let mut api = lowered(PRICED);
    let mut found = crate::Diagnostics::default();
    let replace: Vec<(String, String)> = replace
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let derive: Vec<(String, Vec<String>)> = derive
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.iter().map(|s| (*s).to_owned()).collect()))
        .collect();
    super::customize::replace(&mut api, &replace, &mut found);
    super::customize::derive(&mut api, &derive, &mut found);
    super::marks::mark(&mut api);
    (api, found)
}

#[test]
fn a_derive_reaches_the_types_held_and_is_refused_where_it_cannot_hold() {
    // Order holds Line, which holds an f64: no `Eq`, and the error says
    // where (Line's schema), not a compile failure in generated code.
    let (api, found) = customized(&[], &[("Order", &["Eq"])]);
    assert!(found.has_errors());
    let error = &found.items[0];
    assert_eq!(error.pointer, "/components/schemas/Line");
    assert!(error
        .message
        .contains("cannot derive `Eq` for `Line`: it holds a number (`f64`)"));
    assert_eq!(named(&api, "Order").derives, ["Eq"], "Order itself could");
    let (api, found) = customized(&[], &[("Order", &["PartialOrd"])]);
    assert!(found.items.is_empty(), "{found:?}");
    assert_eq!(
        named(&api, "Line").derives,
        ["PartialOrd"],
        "the held type gets it too"
    );
    let (api, found) = customized(&[], &[("#/components/schemas/Tag", &["Eq", "Hash", "Ord"])]);
    assert!(found.items.is_empty(), "{found:?}");
    assert_eq!(named(&api, "Tag").derives, ["Eq", "Hash", "Ord"]);
    assert!(named(&api, "Order").derives.is_empty(), "only where asked");
    let (_, found) = customized(&[], &[("Nope", &["Hash"])]);
    assert!(found.items[0].message.contains("derive `Nope`: no schema"));
    assert!(
        !found.has_errors(),
        "a name that matches nothing only warns"
    );
}

#[test]
fn a_derive_every_generated_type_has_is_left_out_with_a_warning() {
    for name in [
        "serde::Serialize",
        "Deserialize",
        "Debug",
        "Clone",
        "PartialEq",
    ] {
        let (api, found) = customized(&[], &[("Tag", &[name, "Hash"])]);
        assert_eq!(named(&api, "Tag").derives, ["Hash"], "{name}");
        assert!(!found.has_errors(), "{found:?}");
        let message = &found.items[0].message;
        assert!(
            message.contains(&format!("has `{name}` already")),
            "{message}"
        );
    }
}

#[test]
fn a_replaced_type_is_the_users_and_its_constraints_go_with_it() {
    let before = lowered(PRICED);
    assert!(
        named(&before, "Order").validates,
        "through Line's minLength"
    );
    let (api, found) = customized(&[("Line", "crate::pricing::Line")], &[("Order", &["Eq"])]);
    assert!(found.items.is_empty(), "{found:?}");
    assert_eq!(
        named(&api, "Line").replacement.as_deref(),
        Some("crate::pricing::Line")
    );
    assert!(
        !named(&api, "Order").validates,
        "Line's checks are the user type's"
    );
    assert_eq!(
        named(&api, "Order").derives,
        ["Eq"],
        "a replaced type is not checked for Eq"
    );
    assert!(named(&api, "Line").derives.is_empty());
}

#[test]
fn renames_reach_methods_types_fields_and_variants() {
    let mut api = lowered(BY_TAG);
    let mut found = crate::Diagnostics::default();
    let pairs = |list: &[(&str, &str)]| {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect::<Vec<_>>()
    };
    let renames = crate::settings::Renames {
        types: pairs(&[("CallCreate", "NewCall"), ("Missing", "Gone")]),
        operations: pairs(&[("dispatchCall", "dial")]),
        fields: pairs(&[("NewCall.to", "destination")]),
        variants: Vec::new(),
    };
    super::customize::rename(&mut api, &renames, &mut found);
    assert!(!found.has_errors(), "{found:?}");
    assert_eq!(found.items.len(), 1, "the name nothing has warns");
    let dial = api
        .operations
        .iter()
        .find(|o| o.name == "dial")
        .expect("renamed");
    assert_eq!(
        (dial.error_name.as_str(), dial.params_name.as_str()),
        ("DialError", "DialParams")
    );
    let new_call = a_struct(&api, "NewCall");
    assert_eq!(new_call.fields[0].name, "destination");
    assert_eq!(new_call.fields[0].wire, "to", "the wire name stays");
    let mut clash = crate::Diagnostics::default();
    let taken = crate::settings::Renames {
        types: pairs(&[("Call", "NewCall")]),
        operations: pairs(&[("dial", "list_agents"), ("list_agents", "fn")]),
        ..Default::default()
    };
    super::customize::rename(&mut api, &taken, &mut clash);
    let messages: Vec<&str> = clash.items.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].contains("a type is named `NewCall` already"));
    assert!(messages[1].contains("a method is named `list_agents` already"));
    assert!(messages[2].contains("`fn` is not a Rust identifier"));
}

const SURVIVORS: &str = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /search:
    post:
      operationId: search
      parameters:
        - {name: page, in: query, schema: {type: integer}}
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {q: {type: string}}}
      responses:
        '200':
          description: a page of results, but the request has a body
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {type: array, items: {$ref: '#/components/schemas/Pet'}}
                  next_page: {type: integer}
components:
  schemas:
    Pet:
      type: object
      properties:
        born: {type: string, format: date-time}
        owner:
          anyOf:
            - {$ref: '#/components/schemas/Owner'}
            - {type: 'null'}
    Owner:
      type: object
      properties: {name: {type: string}}
"#;

#[test]
fn one_branch_and_null_is_that_branch_made_nullable() {
    let api = lowered(SURVIVORS);
    let owner = a_struct(&api, "Pet")
        .fields
        .iter()
        .find(|f| f.wire == "owner")
        .unwrap();
    let TypeRef::Nullable(inner) = &owner.ty else {
        panic!("owner is {:?}", owner.ty)
    };
    assert!(matches!(**inner, TypeRef::Named(id) if api.types[id].name == "Owner"));
    assert!(
        !api.types
            .iter()
            .any(|t| matches!(t.kind, TypeKind::Union(_))),
        "no union of one branch: {:?}",
        names(&api)
    );
}

#[test]
fn an_operation_with_a_request_body_is_not_paged() {
    let api = lowered(SURVIVORS);
    assert_eq!(api.operations[0].pagination, None);
}

#[test]
fn dates_as_strings_turns_every_date_into_text() {
    let mut api = lowered(SURVIVORS);
    let born = |api: &Api| a_struct(api, "Pet").fields[0].ty.clone();
    assert_eq!(born(&api), TypeRef::DateTime);
    api.dates_as_strings();
    assert_eq!(born(&api), TypeRef::String);
}

#[test]
fn the_stream_of_every_item_never_takes_another_operations_name() {
    let api = lowered(
        r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: page, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {type: array, items: {type: string}}
  /things/stream:
    get:
      operationId: listThingsStream
      responses:
        '204': {description: none}
"#,
    );
    let paging = api.operations[0].pagination.as_ref().expect("pages");
    assert_eq!(api.operations[1].name, "list_things_stream");
    assert_eq!(paging.method, "list_things_stream2");
}

#[test]
fn constraints_of_a_schema_that_holds_itself_stop_where_it_comes_again() {
    let api = lowered(&schemas(
        "3.0.3",
        r#"
    Holder:
      type: object
      properties:
        nested: {$ref: '#/components/schemas/Nested'}
        maybe: {$ref: '#/components/schemas/Maybe'}
    Nested:
      type: array
      maxItems: 3
      items: {$ref: '#/components/schemas/Nested'}
    Maybe:
      anyOf:
        - {type: array, minItems: 1, items: {$ref: '#/components/schemas/Maybe'}}
        - {type: 'null'}
"#,
    ));
    let holder = a_struct(&api, "Holder");
    let nested = &holder.fields[0].constraints;
    assert_eq!((nested.max_count, nested.inner.is_none()), (Some(3), true));
    let maybe = &holder.fields[1].constraints;
    assert_eq!((maybe.min_count, maybe.inner.is_none()), (Some(1), true));
}

const LOOPING_BRANCHES: &str = r#"
    Node:
      oneOf:
        - {$ref: '#/components/schemas/Node'}
        - {type: string}
        - {type: array, items: {$ref: '#/components/schemas/Node'}}
    Wrapped:
      anyOf:
        - {$ref: '#/components/schemas/Around'}
        - {type: integer}
    Around: {allOf: [{$ref: '#/components/schemas/Wrapper'}, {description: around}]}
    Wrapper: {anyOf: [{$ref: '#/components/schemas/Wrapped'}, {type: 'null'}], description: d}
    Ring: {oneOf: [{$ref: '#/components/schemas/RingWrap'}, {type: string}]}
    RingWrap: {oneOf: [{$ref: '#/components/schemas/Ring'}, {type: 'null'}]}
"#;

#[test]
fn a_branch_that_is_its_union_again_is_left_out_with_a_warning() {
    let (api, found) = lowered_with_warnings(&schemas("3.1.0", LOOPING_BRANCHES));
    // `Node` keeps the text and the list of itself: a list reads a value
    // before it tries `Node` again.
    let node = a_union(&api, "Node");
    let types: Vec<_> = node.variants.iter().map(|v| &v.ty).collect();
    assert_eq!(types.len(), 2, "{:?}", node.variants);
    assert!(types.contains(&&TypeRef::String), "{types:?}");
    assert!(
        types.iter().any(|t| matches!(t, TypeRef::Array(_))),
        "{types:?}"
    );
    // `Wrapped` reaches itself through an `allOf` whose other part only
    // annotates, and a branch beside null: what is left is the integer.
    assert_eq!(
        format!("{:?}", named(&api, "Wrapped").kind),
        format!("{:?}", TypeKind::Alias(TypeRef::Integer(IntegerKind::I64)))
    );
    let at: Vec<_> = warned_at(&found, "the union itself again");
    assert_eq!(
        at,
        [
            "/components/schemas/Node/oneOf/0",
            "/components/schemas/Wrapped/anyOf/0",
            "/components/schemas/Ring/oneOf/0"
        ]
    );
    // `Wrapper` is null or `Wrapped`, which reads an integer: no loop.
    let wrapper = format!("{:?}", named(&api, "Wrapper").kind);
    assert!(wrapper.contains("Nullable(Named("), "{wrapper}");
}

#[test]
fn a_schema_whose_one_value_is_null_is_the_unit_type_and_loses_nothing() {
    let (api, found) = lowered_with_warnings(&schemas(
        "3.1.0",
        r#"
    Game:
      type: object
      required: [opponent]
      properties:
        opponent: {type: 'null'}
        ended: {enum: [null]}
        maybe: {$ref: '#/components/schemas/Nothing'}
    Nothing: {type: 'null'}
"#,
    ));
    let game = a_struct(&api, "Game");
    let types: Vec<_> = game.fields.iter().map(|f| &f.ty).collect();
    let nothing = api.types.iter().position(|t| t.name == "Nothing").unwrap();
    // No `Option<()>`: `()` is `null` already.
    assert_eq!(
        types,
        [&TypeRef::Null, &TypeRef::Null, &TypeRef::Named(nothing)]
    );
    assert_eq!(
        format!("{:?}", api.types[nothing].kind),
        format!("{:?}", TypeKind::Alias(TypeRef::Null))
    );
    assert!(!found.items.iter().any(|d| d.degraded), "{found:?}");
}

#[test]
fn an_enum_of_numbers_is_a_number_that_must_be_one_of_them() {
    let (api, found) = lowered_with_warnings(&schemas(
        "3.0.3",
        r#"
    Outcome:
      type: object
      properties:
        level: {type: integer, enum: [1, 2, 3]}
        code: {enum: [0, 1, 2]}
        ratio: {enum: [0.5, 1], nullable: true}
        rate: {type: number, enum: [0.25, 0.5]}
        on: {enum: [true]}
        mixed: {enum: [1, a]}
"#,
    ));
    let outcome = a_struct(&api, "Outcome");
    let field = |name: &str| outcome.fields.iter().find(|f| f.wire == name).unwrap();
    let int = TypeRef::Integer(IntegerKind::I64);
    assert_eq!(field("level").ty, int);
    assert_eq!(field("level").constraints.allowed, [1.0, 2.0, 3.0]);
    // Without a `type`, the values say it.
    assert_eq!(field("code").ty, int);
    assert_eq!(field("code").constraints.allowed, [0.0, 1.0, 2.0]);
    assert_eq!(
        field("ratio").ty,
        TypeRef::Nullable(Box::new(TypeRef::Double))
    );
    assert_eq!(field("ratio").constraints.allowed, [0.5, 1.0]);
    assert_eq!(field("rate").constraints.allowed, [0.25, 0.5]);
    assert_eq!(field("on").ty, TypeRef::Boolean);
    assert!(field("on").constraints.allowed.is_empty());
    // A mix has no one type: any JSON value, and said so.
    assert_eq!(field("mixed").ty, TypeRef::Any);
    let degraded: Vec<_> = found
        .items
        .iter()
        .filter(|d| d.degraded)
        .map(|d| d.pointer.as_str())
        .collect();
    assert_eq!(degraded, ["/components/schemas/Outcome/properties/mixed"]);
}

#[test]
fn an_all_of_that_only_annotates_leaves_the_schema_what_it_says_beside_it() {
    let (api, found) = lowered_with_warnings(&schemas(
        "3.0.3",
        r#"
    Holder:
      type: object
      properties:
        name: {type: string, allOf: [{description: The name.}]}
        scores: {type: array, items: {type: integer}, allOf: [{description: d}, {nullable: true}]}
        free: {allOf: [{description: anything}]}
"#,
    ));
    let holder = a_struct(&api, "Holder");
    let types: Vec<_> = holder.fields.iter().map(|f| &f.ty).collect();
    let scores = TypeRef::Nullable(Box::new(TypeRef::Array(Box::new(TypeRef::Integer(
        IntegerKind::I64,
    )))));
    assert_eq!(types, [&TypeRef::String, &scores, &TypeRef::Any]);
    // Nothing was lost: `free` says nothing of its shape.
    assert!(!found.items.iter().any(|d| d.degraded), "{found:?}");
}

#[test]
fn a_union_of_null_alone_is_the_unit_type_and_one_of_nothing_is_reported() {
    let (api, found) = lowered_with_warnings(&schemas(
        "3.0.3",
        r#"
    Holder:
      type: object
      properties:
        gone: {oneOf: [{type: 'null'}]}
        never: {$ref: '#/components/schemas/Never'}
    Never: {anyOf: [{$ref: '#/components/schemas/Never'}]}
"#,
    ));
    let holder = a_struct(&api, "Holder");
    assert_eq!(holder.fields[0].ty, TypeRef::Null);
    let never = api.types.iter().position(|t| t.name == "Never").unwrap();
    assert_eq!(
        format!("{:?}", api.types[never].kind),
        format!("{:?}", TypeKind::Alias(TypeRef::Any))
    );
    let degraded: Vec<_> = found
        .items
        .iter()
        .filter(|d| d.degraded)
        .map(|d| (d.pointer.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        degraded,
        [(
            "/components/schemas/Never",
            "no branch of this union admits a value; using any JSON value"
        )]
    );
}

const COMPOSED: &str = r#"
    Base: {type: object, properties: {name: {type: string}, age: {type: integer}}}
    Other: {type: object, properties: {city: {type: string}}}
    NullableOther: {type: object, nullable: true, properties: {city: {type: string}}}
    Color: {type: string, enum: [red, blue]}
    Cat: {type: object, properties: {meow: {type: boolean}}}
    Dog: {type: object, properties: {bark: {type: boolean}}}
    Pet: {oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]}
    WithOwn: {allOf: [{$ref: '#/components/schemas/Base'}], properties: {extra: {type: string}}}
    WithMap: {allOf: [{$ref: '#/components/schemas/Base'}], additionalProperties: {type: integer}}
    WithOneOf:
      allOf: [{$ref: '#/components/schemas/Base'}]
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
    WithAnyOf:
      allOf: [{$ref: '#/components/schemas/Base'}]
      anyOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
    Required: {allOf: [{$ref: '#/components/schemas/Base'}], required: [name]}
    Both: {allOf: [{$ref: '#/components/schemas/Base'}, {$ref: '#/components/schemas/Other'}, {nullable: true}]}
    OwnAndText: {allOf: [{type: string}], properties: {a: {type: string}}}
    WithEnum: {allOf: [{$ref: '#/components/schemas/Base'}, {$ref: '#/components/schemas/Color'}]}
    PetAndText: {allOf: [{$ref: '#/components/schemas/Pet'}, {type: string}]}
    Texts: {allOf: [{type: string, nullable: true}, {type: string, maxLength: 3}]}
    NullPart: {allOf: [{$ref: '#/components/schemas/NullableOther'}, {$ref: '#/components/schemas/Base'}]}
"#;

#[test]
fn all_of_reads_every_part_and_what_stands_beside_them() {
    let (api, found) = lowered_with_warnings(&schemas("3.0.3", COMPOSED));
    let fields = |name: &str| -> Vec<(String, bool)> {
        a_struct(&api, name)
            .fields
            .iter()
            .map(|f| (f.wire.clone(), f.optional))
            .collect()
    };
    let with = |list: &[(&str, bool)]| -> Vec<(String, bool)> {
        list.iter().map(|(w, o)| ((*w).to_owned(), *o)).collect()
    };
    let base = [("name", true), ("age", true)];
    // Own properties, or an extra map, beside the parts.
    assert_eq!(
        fields("WithOwn"),
        with(&[base[0], base[1], ("extra", true)])
    );
    assert_eq!(fields("WithMap"), with(&base));
    assert_eq!(
        a_struct(&api, "WithMap").additional,
        Some(TypeRef::Integer(IntegerKind::I64))
    );
    // A `oneOf` or an `anyOf` beside them is a flattened union.
    for name in ["WithOneOf", "WithAnyOf", "PetAndText"] {
        let flat = a_struct(&api, name)
            .fields
            .iter()
            .filter(|f| f.flatten)
            .count();
        assert_eq!(flat, 1, "{name}");
    }
    // `required` beside one part makes a copy with those fields required.
    assert_eq!(fields("Required"), with(&[("name", false), ("age", true)]));
    // Objects with a part that is not one: the objects, and a warning.
    assert_eq!(fields("OwnAndText"), with(&[("a", true)]));
    assert_eq!(fields("WithEnum"), with(&base));
    let dropped: Vec<_> = warned_at(&found, "non-object part");
    assert_eq!(
        dropped,
        [
            "/components/schemas/OwnAndText/allOf/0",
            "/components/schemas/WithEnum/allOf/1",
            "/components/schemas/PetAndText/allOf/1"
        ]
    );
    // A part that admits null makes the whole nullable: an annotation, a
    // nullable object, a nullable text.
    let nullable_struct = |name: &str| match &named(&api, name).kind {
        TypeKind::Alias(TypeRef::Nullable(inner)) => match **inner {
            TypeRef::Named(id) => matches!(api.types[id].kind, TypeKind::Struct(_)),
            _ => false,
        },
        _ => false,
    };
    assert!(nullable_struct("Both"), "{:?}", named(&api, "Both").kind);
    assert!(
        nullable_struct("NullPart"),
        "{:?}",
        named(&api, "NullPart").kind
    );
    assert_eq!(
        format!("{:?}", named(&api, "Texts").kind),
        format!(
            "{:?}",
            TypeKind::Alias(TypeRef::Nullable(Box::new(TypeRef::String)))
        )
    );
}

const SHAPES: &str = r#"
    Base: {type: object, properties: {name: {type: string}, age: {type: integer}}}
    BaseAlias: {allOf: [{$ref: '#/components/schemas/Base'}], description: Another name.}
    Other: {type: object, properties: {city: {type: string}}}
    ViaAlias: {allOf: [{$ref: '#/components/schemas/BaseAlias'}, {$ref: '#/components/schemas/Other'}]}
    Ident: {allOf: [{type: string}, {type: string, format: uuid}]}
    Titled: {oneOf: [{enum: [a], title: Alpha}, {enum: [b], title: Beta}]}
    HalfTitled: {oneOf: [{enum: [a]}, {enum: [b], title: Beta}]}
    TitledWithFields:
      properties: {x: {type: string}}
      oneOf: [{enum: [a], title: Alpha}, {enum: [b], title: Beta}]
    Shape:
      oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]
      discriminator: {propertyName: kind, mapping: {circle: '#/components/schemas/Circle', square: '#/components/schemas/Square'}}
    Circle: {allOf: [{$ref: '#/components/schemas/Shape'}, {properties: {r: {type: number}}}]}
    Square: {allOf: [{$ref: '#/components/schemas/Shape'}, {properties: {side: {type: number}}}]}
    Animal:
      type: object
      required: [kind]
      properties: {kind: {type: string}}
      discriminator: {propertyName: kind, mapping: {woof: '#/components/schemas/Hound'}}
    Hound: {allOf: [{$ref: '#/components/schemas/Animal'}, {properties: {bark: {type: boolean}}}]}
    Looped: {allOf: [{$ref: '#/components/schemas/LoopBack'}], properties: {x: {type: string}}}
    LoopBack: {$ref: '#/components/schemas/Looped'}
    Limits:
      type: object
      properties:
        fielded: {type: object, maxProperties: 3, properties: {a: {type: string}}}
        composed: {type: object, maxProperties: 2, allOf: [{$ref: '#/components/schemas/Base'}]}
        free: {type: object, maxProperties: 4}
        signed: {enum: [-1, 1]}
"#;

#[test]
fn shapes_of_compositions_unions_and_bases() {
    let (api, found) = lowered_with_warnings(&schemas("3.0.3", SHAPES));
    // Parts behind an alias merge as structs.
    let via: Vec<_> = a_struct(&api, "ViaAlias")
        .fields
        .iter()
        .map(|f| (f.wire.as_str(), f.flatten))
        .collect();
    assert_eq!(via, [("name", false), ("age", false), ("city", false)]);
    // Non-object parts meet in the narrowest.
    assert_eq!(
        format!("{:?}", named(&api, "Ident").kind),
        format!("{:?}", TypeKind::Alias(TypeRef::Uuid))
    );
    // Titled values are an enum only when every branch is one, titled, and
    // nothing stands beside them.
    assert!(matches!(named(&api, "Titled").kind, TypeKind::Enum(_)));
    assert!(!matches!(named(&api, "HalfTitled").kind, TypeKind::Enum(_)));
    assert!(matches!(
        named(&api, "TitledWithFields").kind,
        TypeKind::Struct(_)
    ));
    // A discriminated `oneOf` whose branches extend it is a union of its
    // branches, not a base with fields of its own.
    let shape = a_union(&api, "Shape");
    let tags: Vec<_> = shape
        .variants
        .iter()
        .map(|v| v.tag_value.as_deref())
        .collect();
    assert_eq!(tags, [Some("circle"), Some("square")]);
    assert!(
        !api.types
            .iter()
            .any(|t| t.name.starts_with("Shape") && t.name != "Shape"),
        "{:?}",
        names(&api)
    );
    // A polymorphic base names each variant after its type, whatever the tag.
    let animal = a_union(&api, "Animal");
    let variants: Vec<_> = animal
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.tag_value.as_deref()))
        .collect();
    assert_eq!(variants, [("Hound", Some("woof"))]);
    // An `allOf` with properties beside it is no cycle of references.
    let looped: Vec<_> = a_struct(&api, "Looped")
        .fields
        .iter()
        .map(|f| f.wire.as_str())
        .collect();
    assert_eq!(looped, ["x"]);
    assert!(
        !found
            .items
            .iter()
            .any(|d| d.message.contains("cycle of references")),
        "{found:?}"
    );
    // Counts are checked on maps, not on structs.
    let limits = a_struct(&api, "Limits");
    let counts: Vec<_> = limits
        .fields
        .iter()
        .map(|f| f.constraints.max_count)
        .collect();
    assert_eq!(counts, [None, None, Some(4), None]);
    assert_eq!(limits.fields[3].ty, TypeRef::Integer(IntegerKind::I64));
}

#[test]
fn a_property_two_parts_declare_takes_the_type_that_says_more() {
    let api = lowered(&schemas(
        "3.0.3",
        r#"
    First:
      type: object
      properties:
        x: {}
        y: {type: string}
        n: {nullable: true}
        l: {type: array, items: {}}
        id: {type: string, readOnly: true}
    Second:
      type: object
      properties:
        x: {type: string}
        y: {type: integer}
        n: {type: string}
        l: {type: object}
    Merged:
      allOf: [{$ref: '#/components/schemas/First'}, {$ref: '#/components/schemas/Second'}]
      required: [id, y]
"#,
    ));
    let merged = a_struct(&api, "Merged");
    let fields: Vec<_> = merged
        .fields
        .iter()
        .map(|f| (f.wire.as_str(), &f.ty, f.optional))
        .collect();
    let any_list = TypeRef::Array(Box::new(TypeRef::Any));
    assert_eq!(
        fields,
        [
            // Text says more than any JSON value.
            ("x", &TypeRef::String, true),
            // As much either way: the first part's.
            ("y", &TypeRef::String, false),
            // A nullable any JSON value says as little as one.
            ("n", &TypeRef::String, true),
            // A list of anything says as much as an object.
            ("l", &any_list, true),
            // Read-only: never sent, so never required of a request.
            ("id", &TypeRef::String, true),
        ]
    );
}

#[test]
fn one_branch_beside_null_is_named_as_the_union_would_be() {
    let api = lowered(&schemas(
        "3.1.0",
        r#"
    Holder:
      type: object
      properties:
        owner:
          anyOf: [{type: object, properties: {name: {type: string}}}, {type: 'null'}]
"#,
    ));
    let owner = &a_struct(&api, "Holder").fields[0].ty;
    let TypeRef::Nullable(inner) = owner else {
        panic!("{owner:?}")
    };
    let TypeRef::Named(id) = **inner else {
        panic!("{inner:?}")
    };
    assert_eq!(api.types[id].name, "HolderOwner");
}

#[test]
fn a_union_with_a_default_is_tagged_by_its_listed_branches() {
    let api = lowered(&schemas(
        "3.2.0",
        r#"
    Shape:
      oneOf:
        - {$ref: '#/components/schemas/Circle'}
        - {$ref: '#/components/schemas/Square'}
        - {$ref: '#/components/schemas/Blob'}
      discriminator:
        propertyName: kind
        mapping: {circle: '#/components/schemas/Circle', square: '#/components/schemas/Square'}
        defaultMapping: '#/components/schemas/Blob'
    Circle: {type: object, required: [kind], properties: {kind: {type: string}, r: {type: number}}}
    Square: {type: object, required: [kind], properties: {kind: {type: string}, side: {type: number}}}
    Blob: {type: object, properties: {kind: {type: string}, mass: {type: number}}}
    Loose:
      oneOf: [{$ref: '#/components/schemas/Circle'}, {type: object, properties: {z: {type: string}}}]
      discriminator:
        propertyName: kind
        mapping: {circle: '#/components/schemas/Circle'}
        defaultMapping: '#/components/schemas/Circle'
"#,
    ));
    let shape = a_union(&api, "Shape");
    assert_eq!(shape.tag.as_deref(), Some("kind"));
    let variants: Vec<_> = shape
        .variants
        .iter()
        .map(|v| (v.tag_value.as_deref(), v.default))
        .collect();
    assert_eq!(
        variants,
        [
            (Some("circle"), false),
            (Some("square"), false),
            (Some("Blob"), true)
        ]
    );
    // A branch other than the default that has no tag: untagged.
    assert_eq!(a_union(&api, "Loose").tag, None);
}

#[test]
fn untagged_variants_are_named_after_their_type_or_title() {
    let api = lowered(&schemas(
        "3.1.0",
        r#"
    Scalar:
      oneOf:
        - {type: string}
        - {type: array, items: {type: string}}
        - {type: integer}
        - {type: number}
        - {type: boolean}
        - {type: object, properties: {a: {type: string}}}
        - {title: the rest}
"#,
    ));
    let mut variants: Vec<_> = a_union(&api, "Scalar")
        .variants
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    variants.sort_unstable();
    assert_eq!(
        variants,
        ["Boolean", "Integer", "List", "Number", "Object", "Text", "TheRest"]
    );
}

#[test]
fn a_tag_is_found_through_eight_allof_levels_and_no_further_round_a_cycle() {
    let api = lowered(&schemas(
        "3.1.0",
        r#"
    Cat: {type: object, properties: {kind: {enum: [cat]}}}
    Deep: {oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/L0'}]}
    L0: {allOf: [{$ref: '#/components/schemas/L1'}]}
    L1: {allOf: [{$ref: '#/components/schemas/L2'}]}
    L2: {allOf: [{$ref: '#/components/schemas/L3'}]}
    L3: {allOf: [{$ref: '#/components/schemas/L4'}]}
    L4: {allOf: [{$ref: '#/components/schemas/L5'}]}
    L5: {allOf: [{$ref: '#/components/schemas/L6'}]}
    L6: {allOf: [{$ref: '#/components/schemas/L7'}]}
    L7: {allOf: [{$ref: '#/components/schemas/L8'}]}
    L8: {type: object, properties: {kind: {enum: [deep]}}}
    Looping: {oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/CycleA'}]}
    CycleA: {allOf: [{$ref: '#/components/schemas/CycleB'}], properties: {a: {type: string}}}
    CycleB: {allOf: [{$ref: '#/components/schemas/CycleA'}], properties: {b: {type: string}}}
"#,
    ));
    assert_eq!(a_union(&api, "Deep").tag.as_deref(), Some("kind"));
    assert_eq!(a_union(&api, "Looping").tag, None);
}

#[test]
fn untagged_variants_are_tried_from_the_strictest() {
    let api = lowered(&schemas(
        "3.1.0",
        r#"
    Loose:
      oneOf:
        - {}
        - {type: object, additionalProperties: {type: string}}
        - {type: string}
        - {type: number}
        - {type: integer}
"#,
    ));
    let order: Vec<_> = a_union(&api, "Loose")
        .variants
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    // An integer before a number (which would take it as `f64`), text
    // after both, any JSON value last.
    assert_eq!(order, ["Integer", "Number", "Text", "Object", "Variant"]);
}

/// One struct per kind of thing a field can hold, and the kinds of type a
/// derive may meet.
const HOLDERS: &str = r#"
openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /up:
    post:
      operationId: up
      requestBody:
        content:
          multipart/form-data: {schema: {$ref: '#/components/schemas/Upload'}}
      responses: {'204': {description: done}}
components:
  schemas:
    Upload: {type: object, properties: {v: {type: string, format: binary}}}
    Num: {type: object, properties: {v: {type: number}}}
    Json: {type: object, properties: {v: {}}}
    When: {type: object, properties: {v: {type: string, format: date-time}}}
    Day: {type: object, properties: {v: {type: string, format: date}}}
    Text: {type: object, properties: {v: {type: string}}}
    Int: {type: object, properties: {v: {type: integer}}}
    Nums: {type: object, properties: {v: {type: array, items: {type: number}}}}
    Ints: {type: object, properties: {v: {type: array, items: {type: integer}}}}
    NumMap: {type: object, properties: {v: {type: object, additionalProperties: {type: number}}}}
    MaybeNum: {type: object, properties: {v: {type: [number, 'null']}}}
    MaybeInt: {type: object, properties: {v: {type: [integer, 'null']}}}
    Pair: {type: object, properties: {v: {type: array, prefixItems: [{type: integer}, {type: number}]}}}
    IntPair: {type: object, properties: {v: {type: array, prefixItems: [{type: integer}, {type: boolean}]}}}
    Node: {type: object, properties: {next: {$ref: '#/components/schemas/Node'}, v: {type: integer}}}
    Needed: {type: object, required: [v], properties: {v: {type: integer}}}
    Color: {type: string, enum: [red, blue]}
    Shape:
      oneOf: [{$ref: '#/components/schemas/Int'}, {$ref: '#/components/schemas/Text'}]
      discriminator: {propertyName: kind}
"#;

/// The error a derive of `name` on type `ty` of [`HOLDERS`] gives for
/// `ty` itself (the types it holds are checked on their own), if any.
fn derive_error(ty: &str, name: &str) -> Option<String> {
    let mut api = lowered(HOLDERS);
    let mut found = crate::Diagnostics::default();
    let derive = [(ty.to_owned(), vec![name.to_owned()])];
    super::customize::derive(&mut api, &derive, &mut found);
    let own = format!("for `{ty}`: ");
    let error = found
        .items
        .iter()
        .find(|d| d.severity == crate::Severity::Error && d.message.contains(&own));
    error.map(|d| d.message.clone())
}

/// What each standard trait needs of what a type holds: a refusal names
/// the thing that lacks it, and every other pairing is allowed.
#[test]
fn each_derive_is_refused_exactly_where_a_held_thing_lacks_the_trait() {
    let (number, json, dates, file, owned) = (
        "a number (`f64`)",
        "any JSON (`serde_json::Value`)",
        "a date or time",
        "a file",
        "owned data",
    );
    // (type, [Eq, Hash, PartialOrd, Ord, Copy]): what holds it back.
    let table: &[(&str, [Option<&str>; 5])] = &[
        (
            "Num",
            [Some(number), Some(number), None, Some(number), None],
        ),
        (
            "Json",
            [None, Some(json), Some(json), Some(json), Some(json)],
        ),
        ("When", [None, None, Some(dates), Some(dates), Some(dates)]),
        ("Day", [None, None, Some(dates), Some(dates), Some(dates)]),
        ("Text", [None, None, None, None, Some(owned)]),
        ("Int", [None, None, None, None, None]),
        (
            "Nums",
            [Some(number), Some(number), None, Some(number), Some(owned)],
        ),
        ("Ints", [None, None, None, None, Some(owned)]),
        (
            "NumMap",
            [Some(number), Some(number), None, Some(number), Some(owned)],
        ),
        (
            "MaybeNum",
            [Some(number), Some(number), None, Some(number), None],
        ),
        ("MaybeInt", [None, None, None, None, None]),
        (
            "Pair",
            [Some(number), Some(number), None, Some(number), None],
        ),
        ("IntPair", [None, None, None, None, None]),
        ("Node", [None, None, None, None, Some(owned)]),
        ("Upload", [None, None, Some(file), Some(file), Some(file)]),
    ];
    for (ty, refusals) in table {
        for (name, refused) in ["Eq", "Hash", "PartialOrd", "Ord", "Copy"]
            .iter()
            .zip(refusals)
        {
            let error = derive_error(ty, name);
            match refused {
                None => assert_eq!(error, None, "{ty}: {name}"),
                Some(leaf) => {
                    let error = error.unwrap_or_else(|| panic!("{ty}: {name} allowed"));
                    let why = format!("it holds {leaf}, which has no `{name}`");
                    assert!(error.ends_with(&why), "{ty}: {name}: {error}");
                }
            }
        }
    }
}

/// What a type's own kind allows, whatever it holds.
#[test]
fn a_type_s_own_kind_can_refuse_a_derive() {
    let refused = |ty: &str, name: &str, why: &str| {
        let error = derive_error(ty, name).unwrap_or_else(|| panic!("{ty}: {name} allowed"));
        assert!(error.ends_with(why), "{ty}: {name}: {error}");
    };
    refused("Color", "Default", "an enum has no default value");
    refused("Shape", "Default", "an enum has no default value");
    refused("Needed", "Default", "a required field has no default value");
    assert_eq!(
        derive_error("Int", "Default"),
        None,
        "every field may be absent"
    );
    refused("Color", "Copy", "it keeps unknown values as a `String`");
    assert_eq!(derive_error("Color", "Ord"), None);
    for name in ["Hash", "PartialOrd", "Ord", "Copy"] {
        refused(
            "Shape",
            name,
            "it keeps unknown variants as a `serde_json::Value`",
        );
    }
    assert_eq!(derive_error("Shape", "Eq"), None);
    // Paths name the same traits; other traits are the user's to vouch for.
    assert!(derive_error("Num", "std::cmp::Eq").is_some());
    assert_eq!(derive_error("Num", "schemars::JsonSchema"), None);
}

const RENAMED: &str = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /calls:
    post:
      operationId: dispatchCall
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/Call'}}
      responses: {'204': {description: ok}}
  /calls/{id}/events:
    get:
      operationId: watchCall
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: events
          content:
            text/event-stream: {schema: {$ref: '#/components/schemas/Call'}}
  /calls/{id}:
    get:
      operationId: getCall
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: the call, or its events
          content:
            application/json: {schema: {$ref: '#/components/schemas/Call'}}
            text/event-stream: {schema: {$ref: '#/components/schemas/Call'}}
components:
  schemas:
    Call:
      type: object
      properties:
        call-id: {type: string}
        status: {$ref: '#/components/schemas/Status'}
        tool: {$ref: '#/components/schemas/Tool'}
      additionalProperties: {type: string}
    Status: {type: string, enum: [queued, in-progress]}
    Tool:
      oneOf: [{$ref: '#/components/schemas/Hangup'}, {$ref: '#/components/schemas/Transfer'}]
      discriminator:
        propertyName: type
        mapping: {hangup: '#/components/schemas/Hangup', transfer: '#/components/schemas/Transfer'}
    Hangup: {type: object, properties: {type: {type: string}}}
    Transfer: {type: object, properties: {type: {type: string}, to: {type: string}}}
    PlaceError: {type: object, properties: {x: {type: string}}}
"#;

/// Renames `RENAMED` by the pairs of one kind ("types", "operations",
/// "fields", "variants"): the API and each diagnostic's message.
fn renamed(kind: &str, pairs: &[(&str, &str)]) -> (Api, Vec<String>) {
    let mut api = lowered(RENAMED);
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    let mut renames = crate::settings::Renames::default();
    match kind {
        "types" => renames.types = pairs,
        "operations" => renames.operations = pairs,
        "fields" => renames.fields = pairs,
        _ => renames.variants = pairs,
    }
    let mut found = crate::Diagnostics::default();
    super::customize::rename(&mut api, &renames, &mut found);
    let messages = found.items.iter().map(|d| d.message.clone()).collect();
    (api, messages)
}

/// Each message of renaming by `pairs` ends with `why`; there is one per pair.
fn rename_says(kind: &str, pairs: &[(&str, &str)], why: &str) {
    let (_, messages) = renamed(kind, pairs);
    assert_eq!(messages.len(), pairs.len(), "{pairs:?}: {messages:?}");
    assert!(
        messages.iter().all(|m| m.ends_with(why)),
        "{pairs:?}: {messages:?}"
    );
}

#[test]
fn an_operation_is_renamed_by_its_id_or_method_name_and_its_stream_follows() {
    let (api, messages) = renamed(
        "operations",
        &[("dispatchCall", "dial"), ("get_call", "fetch")],
    );
    assert!(messages.is_empty(), "{messages:?}");
    let names: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["dial", "watch_call", "fetch"]);
    // A stream beside JSON is the method's `_stream` twin; an operation that
    // only streams is its own method.
    let fetch = &api.operations[2];
    assert_eq!(fetch.stream.as_ref().unwrap().method, "fetch_stream");
    assert_eq!(
        (fetch.error_name.as_str(), fetch.params_name.as_str()),
        ("FetchError", "FetchParams")
    );
    let (api, _) = renamed("operations", &[("watchCall", "follow")]);
    assert_eq!(api.operations[1].stream.as_ref().unwrap().method, "follow");
    // Its own derived names are no clash.
    let (api, messages) = renamed("operations", &[("get_call", "getCall")]);
    assert!(messages.is_empty(), "{messages:?}");
    assert_eq!(api.operations[2].name, "getCall");
    // Taken: by another method, the client's own, a type, or the names
    // another operation's types have.
    for (new, why) in [
        ("get_call", "a method is named `get_call` already"),
        ("builder", "a method is named `builder` already"),
        ("place", "`PlaceError` or `PlaceParams` is taken"),
        ("getCall", "`GetCallError` or `GetCallParams` is taken"),
        ("a::b", "`a::b` is not a Rust identifier"),
    ] {
        rename_says("operations", &[("dispatchCall", new)], why);
    }
    rename_says("operations", &[("nothing", "x")], "nothing has that name");
}

#[test]
fn fields_and_variants_are_renamed_by_rust_or_wire_name_unless_taken() {
    let (api, messages) = renamed(
        "fields",
        &[("Call.call-id", "id"), ("Call.status", "state")],
    );
    assert!(messages.is_empty(), "{messages:?}");
    let names: Vec<&str> = a_struct(&api, "Call")
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["id", "state", "tool"]);
    let extra = a_struct(&api, "Call").additional_name.clone();
    for (pair, why) in [
        (
            ("Call.call_id", "tool"),
            "the struct has a field `tool` already".to_owned(),
        ),
        (
            ("Call.call_id", extra.as_str()),
            format!("the struct has a field `{extra}` already"),
        ),
        (
            ("Status.queued", "x"),
            "`Status.queued`: not a struct".to_owned(),
        ),
        (("Call", "x"), "`Call`: write `Type.member`".to_owned()),
    ] {
        rename_says("fields", &[pair], &why);
    }
    let missing = [("Call.nope", "x"), ("Nope.x", "y")];
    rename_says("fields", &missing, "nothing has that name");

    let (api, messages) = renamed(
        "variants",
        &[
            ("Status.in-progress", "Active"),
            ("Status.Queued", "Waiting"),
            ("Tool.transfer", "Forward"),
            ("Tool.Hangup", "End"),
        ],
    );
    assert!(messages.is_empty(), "{messages:?}");
    let TypeKind::Enum(status) = &named(&api, "Status").kind else {
        panic!("Status is an enum")
    };
    let names: Vec<&str> = status.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Active", "Waiting"]);
    let names: Vec<&str> = a_union(&api, "Tool")
        .variants
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(names, ["End", "Forward"]);
    for (pair, why) in [
        (
            ("Status.queued", "InProgress"),
            "the enum has a variant `InProgress` already",
        ),
        (
            ("Status.queued", "Unknown"),
            "the enum has a variant `Unknown` already",
        ),
        (
            ("Tool.hangup", "Transfer"),
            "the enum has a variant `Transfer` already",
        ),
        (
            ("Tool.hangup", "Unknown"),
            "the enum has a variant `Unknown` already",
        ),
        (("Call.status", "X"), "`Call.status`: not an enum"),
    ] {
        rename_says("variants", &[pair], why);
    }
    let missing = [("Status.done", "X"), ("Tool.call", "Y")];
    rename_says("variants", &missing, "nothing has that name");
}

#[test]
fn a_path_template_and_parameter_docs_reach_the_operation() {
    let api = lowered(
        r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /files/{dir}{name}.json:
    get:
      operationId: getFile
      parameters:
        - {name: dir, in: path, required: true, schema: {type: string}}
        - {name: name, in: path, required: true, schema: {type: string}}
        - {name: v, in: query, description: The version., deprecated: true, schema: {type: integer}}
      responses: {'204': {description: ok}}
"#,
    );
    let op = &api.operations[0];
    let literal = |s: &str| PathSegment::Literal(s.to_owned());
    let param = PathSegment::Param;
    assert_eq!(
        op.template,
        [literal("/files/"), param(0), param(1), literal(".json")]
    );
    let v = op.params.iter().find(|p| p.wire == "v").unwrap();
    assert_eq!(v.docs.description.as_deref(), Some("The version."));
    assert!(v.docs.deprecated);
    assert!(!op.params[0].docs.deprecated);
}

/// Bodies without a schema, text that has one, streams of each kind, and
/// a parameter an operation declares again in another place.
#[test]
fn bodies_and_streams_take_their_type_from_the_media_type_when_the_schema_is_silent() {
    let api = lowered(
        r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /things:
    parameters: [{name: id, in: query, schema: {type: string}}]
    post:
      operationId: anyJson
      parameters: [{name: id, in: header, schema: {type: integer}}]
      requestBody: {content: {application/json: {}}}
      responses: {'204': {description: ok}}
    put:
      operationId: anyForm
      parameters: [{name: id, in: query, schema: {type: integer}}]
      requestBody: {content: {application/x-www-form-urlencoded: {}}}
      responses: {'204': {description: ok}}
    patch:
      operationId: text
      requestBody: {content: {text/plain: {schema: {type: integer}}}}
      responses: {'204': {description: ok}}
  /events:
    get:
      operationId: events
      responses: {'200': {description: ok, content: {text/event-stream: {}}}}
  /lines:
    get:
      operationId: lines
      responses:
        '200':
          description: ok
          content:
            text/plain: {schema: {type: string}}
            application/x-ndjson: {schema: {type: integer}}
  /both:
    get:
      operationId: both
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {type: integer}}
            application/x-ndjson: {schema: {type: integer}}
"#,
    );
    let op = |name: &str| api.operations.iter().find(|o| o.name == name).unwrap();
    // Lines beside JSON: a `_stream` twin of the method.
    assert_eq!(op("both").success.media, Media::Json);
    let twin = op("both").stream.as_ref().unwrap();
    assert_eq!(
        (twin.kind, twin.method.as_str()),
        (StreamKind::Lines, "both_stream")
    );
    let body = |name: &str| op(name).body.as_ref().unwrap().ty.clone();
    assert_eq!(body("any_json"), TypeRef::Any);
    assert_eq!(body("any_form"), TypeRef::Object);
    assert_eq!(body("text"), TypeRef::String);
    let events = op("events").stream.as_ref().unwrap();
    assert_eq!(
        (events.kind, &events.item),
        (StreamKind::Events, &TypeRef::String)
    );
    // A stream is preferred over text.
    let lines = op("lines").stream.as_ref().unwrap();
    assert_eq!(lines.kind, StreamKind::Lines);
    assert!(
        matches!(lines.item, TypeRef::Integer(_)),
        "{:?}",
        lines.item
    );
    assert_eq!(op("lines").success.media, Media::JsonLines);
    // The same name in another place is another parameter; in the same
    // place, the operation's replaces the path's.
    let places = |name: &str| -> Vec<(ParamLocation, bool)> {
        let params = op(name).params.iter().filter(|p| p.wire == "id");
        params
            .map(|p| (p.location, matches!(p.ty, TypeRef::Integer(_))))
            .collect()
    };
    assert_eq!(
        places("any_json"),
        [(ParamLocation::Query, false), (ParamLocation::Header, true)]
    );
    assert_eq!(places("any_form"), [(ParamLocation::Query, true)]);
}

/// An alias is an `Option` already when its chain of aliases ends in one,
/// however long the chain and in whatever order the spec lists it.
#[test]
fn a_nullable_reference_to_an_alias_chain_ending_in_an_option_is_not_wrapped_again() {
    let api = lowered(&schemas(
        "3.1.0",
        r#"
    Holder:
      type: object
      properties:
        far: {anyOf: [{$ref: '#/components/schemas/Far'}, {type: 'null'}]}
        plain: {anyOf: [{$ref: '#/components/schemas/Plain'}, {type: 'null'}]}
    Far: {$ref: '#/components/schemas/Near', description: Two links away.}
    Near: {$ref: '#/components/schemas/MaybeSeats', description: One link away.}
    MaybeSeats: {anyOf: [{$ref: '#/components/schemas/Seats'}, {type: 'null'}]}
    Plain: {$ref: '#/components/schemas/Seats', description: Not nullable.}
    Seats: {type: object, properties: {n: {type: integer}}}
"#,
    ));
    let holder = a_struct(&api, "Holder");
    let ty = |wire: &str| {
        holder
            .fields
            .iter()
            .find(|f| f.wire == wire)
            .unwrap()
            .ty
            .clone()
    };
    let id = |name: &str| api.types.iter().position(|t| t.name == name).unwrap();
    assert!(matches!(
        named(&api, "Far").kind,
        TypeKind::Alias(TypeRef::Named(_))
    ));
    assert_eq!(ty("far"), TypeRef::Named(id("Far")));
    assert_eq!(
        ty("plain"),
        TypeRef::Nullable(Box::new(TypeRef::Named(id("Plain"))))
    );
}

/// A page body and its list may each stand behind an alias, and a list
/// not named `items` is the items when it is the only one.
#[test]
fn a_page_is_recognised_through_aliases_and_by_its_only_list() {
    let api = lowered(
        r#"
openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      parameters: [{name: page, in: query, schema: {type: integer}}]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/PetPage'}}}
components:
  schemas:
    PetPage: {$ref: '#/components/schemas/Page', description: A page of pets.}
    Page:
      type: object
      properties:
        pets: {$ref: '#/components/schemas/PetList'}
        total_pages: {type: integer}
        name: {type: string}
    PetList: {type: array, items: {$ref: '#/components/schemas/Pet'}, description: Pets.}
    Pet: {type: object, properties: {id: {type: string}}}
"#,
    );
    assert!(matches!(named(&api, "PetPage").kind, TypeKind::Alias(_)));
    assert!(matches!(named(&api, "PetList").kind, TypeKind::Alias(_)));
    let paged = api.operations[0].pagination.as_ref().expect("paged");
    assert_eq!(paged.items.name, "pets");
    let pet = api.types.iter().position(|t| t.name == "Pet").unwrap();
    assert_eq!(paged.item, TypeRef::Named(pet));
}

/// Success bodies that cannot be told apart by status (one status has no
/// body) are one type when they agree, else any JSON with a warning; an
/// error's JSON lines are kept as bytes.
#[test]
fn success_bodies_merge_when_they_agree_and_errors_do_not_stream() {
    let response = |schema: &str| {
        format!("{{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/{schema}'}}}}}}}}")
    };
    let spec = format!(
        r#"
openapi: 3.0.3
info: {{title: T, version: '1'}}
paths:
  /differ:
    get:
      operationId: differ
      responses: {{'200': {a}, '201': {b}, '204': {{description: none}}}}
  /agree:
    get:
      operationId: agree
      responses:
        '200': {a}
        '201': {a}
        '204': {{description: none}}
        '400': {{description: bad, content: {{application/x-ndjson: {{schema: {{$ref: '#/components/schemas/A'}}}}}}}}
components:
  schemas:
    A: {{type: object, properties: {{a: {{type: string}}}}}}
    B: {{type: object, properties: {{b: {{type: integer}}}}}}
"#,
        a = response("A"),
        b = response("B")
    );
    let (api, found) = lowered_with_warnings(&spec);
    let a = api.types.iter().position(|t| t.name == "A").unwrap();
    assert_eq!(api.operations[0].success.ty, Some(TypeRef::Any));
    assert_eq!(
        warned_at(&found, "different bodies"),
        ["/paths/~1differ/get/responses"]
    );
    let agree = &api.operations[1];
    assert_eq!(agree.success.ty, Some(TypeRef::Named(a)));
    assert_eq!(agree.errors[0].media, Media::Binary);
}

/// After the last item needs items with a string `id`; `has_more` and a
/// next cursor count only when they are a boolean and a string (or
/// nullable ones).
#[test]
fn page_ends_are_read_only_from_fields_of_the_right_type() {
    use crate::ir::NextPage;
    let page = |name: &str, param: &str, fields: &str, id: &str| {
        format!(
            r#"
  /{name}:
    get:
      operationId: {name}
      parameters: [{{name: {param}, in: query, schema: {{type: string}}}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {{type: array, items: {{type: object, properties: {{id: {{type: {id}}}}}}}}}
{fields}"#
        )
    };
    let field = |name: &str, ty: &str| format!("                  {name}: {{type: {ty}}}\n");
    let paths = [
        page("intIds", "starting_after", "", "integer"),
        page(
            "textMore",
            "starting_after",
            &field("has_more", "string"),
            "string",
        ),
        page(
            "maybeMore",
            "starting_after",
            &field("has_more", "[boolean, 'null']"),
            "string",
        ),
        page(
            "intCursor",
            "cursor",
            &field("next_cursor", "integer"),
            "string",
        ),
        page(
            "maybeCursor",
            "cursor",
            &field("next_cursor", "[string, 'null']"),
            "string",
        ),
    ];
    let api = lowered(&format!(
        "openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\npaths:{}",
        paths.concat()
    ));
    let next = |name: &str| {
        let op = api.operations.iter().find(|o| o.name == name).unwrap();
        op.pagination.as_ref().map(|p| p.next.clone())
    };
    assert!(next("int_ids").is_none(), "an integer id");
    assert!(matches!(
        next("text_more"),
        Some(NextPage::AfterLastItem { has_more: None, .. })
    ));
    assert!(matches!(
        next("maybe_more"),
        Some(NextPage::AfterLastItem {
            has_more: Some(_),
            ..
        })
    ));
    assert!(next("int_cursor").is_none(), "an integer cursor");
    assert!(matches!(
        next("maybe_cursor"),
        Some(NextPage::Cursor { .. })
    ));
}

#[test]
fn a_stream_only_response_lowers_its_item_once_under_the_body_name() {
    use crate::ir::StreamKind;
    let spec = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /events:
    get:
      operationId: tail
      responses:
        '200':
          description: events
          content:
            text/event-stream:
              schema:
                type: object
                properties: {delta: {type: string}, odd: {not: {type: string}}}
  /lines:
    get:
      operationId: follow
      responses:
        '200':
          description: lines
          content:
            application/x-ndjson:
              schema: {type: object, properties: {line: {type: integer}}}
"#;
    let (api, warnings) = lowered_with_warnings(spec);
    for (name, kind) in [("tail", StreamKind::Events), ("follow", StreamKind::Lines)] {
        let op = api.operations.iter().find(|o| o.name == name).unwrap();
        let stream = op.stream.as_ref().expect("a stream");
        assert_eq!((stream.kind, stream.only), (kind, true), "{name}");
        // The body is the stream: its item is the body's own type, not a
        // second lowering of the same schema under another name.
        assert_eq!(Some(&stream.item), op.success.ty.as_ref(), "{name}");
    }
    assert_eq!(names(&api), ["TailResponse", "FollowResponse"]);
    // Lowered once, its defect is told once.
    let odd = "/paths/~1events/get/responses/200/content/text~1event-stream/schema/properties/odd";
    assert_eq!(warned_at(&warnings, "`not` schemas"), [odd]);
}

/// A page's count one object down is found when that object is boxed (it
/// leads back to the page).
#[test]
fn a_page_count_is_found_in_a_boxed_object() {
    use crate::ir::NextPage;
    let api = lowered(
        r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      parameters: [{name: page, in: query, schema: {type: integer}}]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Page'}}}
components:
  schemas:
    Page:
      type: object
      properties:
        items: {type: array, items: {type: string}}
        meta: {$ref: '#/components/schemas/Meta'}
    Meta:
      type: object
      properties:
        total_pages: {type: integer}
        first: {$ref: '#/components/schemas/Page'}
"#,
    );
    let page = a_struct(&api, "Page");
    let meta = page.fields.iter().find(|f| f.wire == "meta").unwrap();
    assert!(matches!(meta.ty, TypeRef::Boxed(_)), "{:?}", meta.ty);
    let paged = api.operations[0].pagination.as_ref().expect("paged");
    let NextPage::PageNumber { pages, .. } = &paged.next else {
        panic!("{:?}", paged.next)
    };
    let (path, _) = pages.as_ref().expect("the page count");
    let path: Vec<&str> = path.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(path, ["meta", "total_pages"]);
}

/// `additionalProperties: {}` says what `true` says: any other member, of
/// any JSON value, with no type or warning of its own.
#[test]
fn an_empty_additional_properties_schema_is_any_member() {
    let (api, found) = lowered_with_warnings(
        r#"
openapi: 3.1.0
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Empty: {type: object, properties: {a: {type: string}}, additionalProperties: {}}
    True: {type: object, properties: {a: {type: string}}, additionalProperties: true}
    Map: {type: object, additionalProperties: {}}
"#,
    );
    assert!(found.items.is_empty(), "{found:?}");
    assert_eq!(names(&api), ["Empty", "True", "Map"]);
    assert_eq!(a_struct(&api, "Empty").additional, Some(TypeRef::Any));
    assert_eq!(a_struct(&api, "True").additional, Some(TypeRef::Any));
    // A map of anything is a JSON object.
    assert!(
        matches!(named(&api, "Map").kind, TypeKind::Alias(TypeRef::Object)),
        "{:?}",
        named(&api, "Map").kind
    );
}

/// Inline objects inside a map, a tuple or a streamed alternative are
/// named after where they sit.
#[test]
fn inline_types_in_maps_tuples_and_streams_are_named_by_place() {
    let api = lowered(
        r#"
openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /chat:
    get:
      operationId: chat
      responses:
        '200':
          description: JSON, or events
          content:
            application/json: {schema: {type: object, properties: {text: {type: string}}}}
            text/event-stream: {schema: {type: object, properties: {delta: {type: string}}}}
components:
  schemas:
    Scores:
      type: object
      additionalProperties: {type: object, properties: {points: {type: integer}}}
    Span:
      type: array
      prefixItems:
        - {type: object, properties: {from: {type: integer}}}
        - {type: object, properties: {to: {type: integer}}}
"#,
    );
    assert_eq!(
        names(&api),
        [
            "Scores",
            "Span",
            "ScoresValue",
            "SpanItem0",
            "SpanItem1",
            "ChatResponse",
            "ChatResponseItem"
        ]
    );
}

/// The tag field goes wherever it is listed; its enum stays when the spec
/// named it; a variant without a tag field keeps its examples, which are
/// checked against its own schema.
#[test]
fn a_tag_field_goes_from_any_place_and_a_named_enum_stays() {
    let api = lowered(
        r#"
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /animals:
    post:
      operationId: addAnimal
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/Animal'}}
      responses: {'204': {description: ok}}
components:
  schemas:
    Animal:
      oneOf: [{$ref: '#/components/schemas/Bird'}, {$ref: '#/components/schemas/Fish'}]
      discriminator:
        propertyName: type
        mapping: {bird: '#/components/schemas/Bird', fish: '#/components/schemas/Fish'}
    Bird:
      type: object
      required: [type]
      properties:
        wings: {type: integer}
        type: {$ref: '#/components/schemas/BirdType'}
    BirdType: {type: string, enum: [bird]}
    Fish: {type: object, properties: {fins: {type: integer}}}
  responses:
    OneFish:
      description: a fish
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Fish'}
          example: {fins: 2, type: fish}
"#,
    );
    assert_eq!(field_names(a_struct(&api, "Bird")), ["wings"]);
    assert!(names(&api).contains(&"BirdType"), "{:?}", names(&api));
    let fish = api.types.iter().position(|t| t.name == "Fish").unwrap();
    let example = api.examples.iter().find(|e| e.value["fins"] == 2).unwrap();
    assert_eq!(example.ty, TypeRef::Named(fish));
}
