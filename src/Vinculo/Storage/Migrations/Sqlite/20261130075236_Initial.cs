using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vinculo.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contact_match_keys",
                columns: table => new
                {
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    contact_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_match_keys", x => new { x.workspace_id, x.key, x.contact_id });
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    must_change_password = table.Column<bool>(type: "INTEGER", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workspaces",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    age_of_majority = table.Column<int>(type: "INTEGER", nullable: false),
                    digital_consent_age = table.Column<int>(type: "INTEGER", nullable: true),
                    child_privacy_age = table.Column<int>(type: "INTEGER", nullable: false),
                    default_locale = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workspaces", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_claims_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_user_logins_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_tokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_user_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    key_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    role = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_keys_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    entity_id = table.Column<byte[]>(type: "BLOB", nullable: true),
                    contact_id = table.Column<byte[]>(type: "BLOB", nullable: true),
                    details = table.Column<string>(type: "TEXT", nullable: true),
                    details_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    previous_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_audit_entries_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contact_merges",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    survivor_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    loser_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    candidate_id = table.Column<byte[]>(type: "BLOB", nullable: true),
                    automatic = table.Column<bool>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    merged_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    unmerged_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    snapshot = table.Column<string>(type: "TEXT", nullable: false),
                    moved_rows = table.Column<string>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_merges", x => x.id);
                    table.ForeignKey(
                        name: "fk_contact_merges_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contacts",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    given_names = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    paternal_surname = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    maternal_surname = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    search_name = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    birth_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    gender = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    locale = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    source = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    merged_into_id = table.Column<byte[]>(type: "BLOB", nullable: true),
                    custom_fields = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contacts", x => x.id);
                    table.ForeignKey(
                        name: "fk_contacts_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "custom_field_definitions",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    target = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<int>(type: "INTEGER", nullable: false),
                    required = table.Column<bool>(type: "INTEGER", nullable: false),
                    allowed_values = table.Column<string>(type: "TEXT", nullable: false),
                    validation_pattern = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    min_number = table.Column<double>(type: "REAL", nullable: true),
                    max_number = table.Column<double>(type: "REAL", nullable: true),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_custom_field_definitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_custom_field_definitions_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "detection_jobs",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    auto_merge = table.Column<bool>(type: "INTEGER", nullable: false),
                    phase = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    progress = table.Column<double>(type: "REAL", nullable: false),
                    contacts_keyed = table.Column<int>(type: "INTEGER", nullable: false),
                    candidate_pairs = table.Column<long>(type: "INTEGER", nullable: false),
                    new_candidates = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_candidates = table.Column<int>(type: "INTEGER", nullable: false),
                    model_fitted = table.Column<bool>(type: "INTEGER", nullable: false),
                    auto_merged = table.Column<int>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    claimed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_detection_jobs", x => x.id);
                    table.ForeignKey(
                        name: "fk_detection_jobs_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duplicate_candidates",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    contact_a_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    contact_b_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    score = table.Column<double>(type: "REAL", nullable: false),
                    probability = table.Column<double>(type: "REAL", nullable: false),
                    exact_key = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    evidence = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    merge_id = table.Column<byte[]>(type: "BLOB", nullable: true),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duplicate_candidates", x => x.id);
                    table.ForeignKey(
                        name: "fk_duplicate_candidates_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_settingses",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    survivorship = table.Column<string>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_settingses", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_settingses_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_jobs",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    stored_path = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    file_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    target = table.Column<int>(type: "INTEGER", nullable: false),
                    mapping = table.Column<string>(type: "TEXT", nullable: false),
                    mapping_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    dry_run = table.Column<bool>(type: "INTEGER", nullable: false),
                    checkpoint = table.Column<long>(type: "INTEGER", nullable: false),
                    rejects_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    rows_done = table.Column<long>(type: "INTEGER", nullable: false),
                    progress = table.Column<double>(type: "REAL", nullable: false),
                    rows_per_second = table.Column<double>(type: "REAL", nullable: false),
                    created = table.Column<long>(type: "INTEGER", nullable: false),
                    updated = table.Column<long>(type: "INTEGER", nullable: false),
                    unchanged = table.Column<long>(type: "INTEGER", nullable: false),
                    merged = table.Column<long>(type: "INTEGER", nullable: false),
                    rejected = table.Column<long>(type: "INTEGER", nullable: false),
                    warnings = table.Column<long>(type: "INTEGER", nullable: false),
                    ignored_columns = table.Column<string>(type: "TEXT", nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    claimed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_jobs", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_jobs_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "import_mappings",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    target = table.Column<int>(type: "INTEGER", nullable: false),
                    columns = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_mappings", x => x.id);
                    table.ForeignKey(
                        name: "fk_import_mappings_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "normalization_rules",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    field = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    severity = table.Column<int>(type: "INTEGER", nullable: false),
                    argument = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_normalization_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_normalization_rules_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "organizations",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    legal_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    tax_id = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    industry = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    size = table.Column<int>(type: "INTEGER", nullable: false),
                    employee_count = table.Column<int>(type: "INTEGER", nullable: true),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    custom_fields = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organizations", x => x.id);
                    table.ForeignKey(
                        name: "fk_organizations_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    price = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_products", x => x.id);
                    table.ForeignKey(
                        name: "fk_products_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rfm_thresholds",
                columns: table => new
                {
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    at_risk_after_days = table.Column<int>(type: "INTEGER", nullable: false),
                    lost_after_days = table.Column<int>(type: "INTEGER", nullable: false),
                    loyal_min_orders = table.Column<int>(type: "INTEGER", nullable: false),
                    loyal_min_spent = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rfm_thresholds", x => x.workspace_id);
                    table.ForeignKey(
                        name: "fk_rfm_thresholds_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "segments",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    definition = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    depends_on = table.Column<int>(type: "INTEGER", nullable: false),
                    is_dirty = table.Column<bool>(type: "INTEGER", nullable: false),
                    last_refreshed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    member_count = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segments", x => x.id);
                    table.ForeignKey(
                        name: "fk_segments_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workspace_memberships",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    role = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workspace_memberships", x => x.id);
                    table.ForeignKey(
                        name: "fk_workspace_memberships_workspaces_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "consent_records",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    contact_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    channel = table.Column<int>(type: "INTEGER", nullable: false),
                    purpose = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    notice_version = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    evidence = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    given_by_contact_id = table.Column<byte[]>(type: "BLOB", nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_consent_records_contact_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_consent_records_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contact_emails",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    contact_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    is_primary = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_emails", x => x.id);
                    table.ForeignKey(
                        name: "fk_contact_emails_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contact_name_words",
                columns: table => new
                {
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    word = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    search_name = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    contact_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_name_words", x => new { x.workspace_id, x.word, x.search_name, x.contact_id });
                    table.ForeignKey(
                        name: "fk_contact_name_words_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contact_phones",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    contact_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    is_primary = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_phones", x => x.id);
                    table.ForeignKey(
                        name: "fk_contact_phones_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contact_social_profiles",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    contact_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    network = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    handle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_social_profiles", x => x.id);
                    table.ForeignKey(
                        name: "fk_contact_social_profiles_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contact_tags",
                columns: table => new
                {
                    contact_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_tags", x => new { x.contact_id, x.name });
                    table.ForeignKey(
                        name: "fk_contact_tags_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "guardian_links",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    guardian_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    minor_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    relationship = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ended_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    end_reason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guardian_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_guardian_links_contacts_guardian_id",
                        column: x => x.guardian_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_guardian_links_contacts_minor_id",
                        column: x => x.minor_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hygiene_findings",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    run_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    contact_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    other_contact_id = table.Column<byte[]>(type: "BLOB", nullable: true),
                    channel_row_id = table.Column<byte[]>(type: "BLOB", nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    found_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reviewed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reviewed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    resolution = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hygiene_findings", x => x.id);
                    table.ForeignKey(
                        name: "fk_hygiene_findings_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_hygiene_findings_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "interactions",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    contact_id = table.Column<byte[]>(type: "BLOB", nullable: true),
                    type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    properties = table.Column<string>(type: "TEXT", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_interactions", x => x.id);
                    table.ForeignKey(
                        name: "fk_interactions_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_interactions_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    contact_id = table.Column<byte[]>(type: "BLOB", nullable: true),
                    organization_id = table.Column<byte[]>(type: "BLOB", nullable: true),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    channel = table.Column<int>(type: "INTEGER", nullable: false),
                    ordered_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    total = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    is_cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    store_code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => x.id);
                    table.ForeignKey(
                        name: "fk_orders_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_orders_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_orders_workspace_workspace_id",
                        column: x => x.workspace_id,
                        principalTable: "workspaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "organization_memberships",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    organization_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    contact_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    is_decision_maker = table.Column<bool>(type: "INTEGER", nullable: false),
                    started_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ended_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organization_memberships", x => x.id);
                    table.ForeignKey(
                        name: "fk_organization_memberships_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_organization_memberships_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "postal_addresses",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    contact_id = table.Column<byte[]>(type: "BLOB", nullable: true),
                    organization_id = table.Column<byte[]>(type: "BLOB", nullable: true),
                    label = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    street = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    exterior_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    interior_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    neighborhood = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    city = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    postal_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    is_primary = table.Column<bool>(type: "INTEGER", nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_postal_addresses", x => x.id);
                    table.ForeignKey(
                        name: "fk_postal_addresses_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_postal_addresses_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "segment_memberships",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    segment_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    contact_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    entered_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    exited_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segment_memberships", x => x.id);
                    table.ForeignKey(
                        name: "fk_segment_memberships_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_segment_memberships_segments_segment_id",
                        column: x => x.segment_id,
                        principalTable: "segments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "segment_revisions",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    segment_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segment_revisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_segment_revisions_segments_segment_id",
                        column: x => x.segment_id,
                        principalTable: "segments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "order_lines",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    order_id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    product_id = table.Column<byte[]>(type: "BLOB", nullable: true),
                    sku = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    quantity = table.Column<double>(type: "REAL", precision: 18, scale: 3, nullable: false),
                    unit_price = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    line_total = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    workspace_id = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_order_lines_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_order_lines_product_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_key_hash",
                table: "api_keys",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_workspace_id",
                table: "api_keys",
                column: "workspace_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_workspace_id_actor_occurred_at",
                table: "audit_entries",
                columns: new[] { "workspace_id", "actor", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_workspace_id_contact_id_occurred_at",
                table: "audit_entries",
                columns: new[] { "workspace_id", "contact_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_workspace_id_occurred_at_sequence",
                table: "audit_entries",
                columns: new[] { "workspace_id", "occurred_at", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_workspace_id_sequence",
                table: "audit_entries",
                columns: new[] { "workspace_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_contact_id",
                table: "consent_records",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_workspace_id_contact_id_channel_purpose_occurred_at",
                table: "consent_records",
                columns: new[] { "workspace_id", "contact_id", "channel", "purpose", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_workspace_id_given_by_contact_id",
                table: "consent_records",
                columns: new[] { "workspace_id", "given_by_contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_emails_contact_id",
                table: "contact_emails",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_contact_emails_workspace_id_address",
                table: "contact_emails",
                columns: new[] { "workspace_id", "address" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_match_keys_workspace_id_contact_id",
                table: "contact_match_keys",
                columns: new[] { "workspace_id", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_merges_workspace_id_loser_id",
                table: "contact_merges",
                columns: new[] { "workspace_id", "loser_id" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_merges_workspace_id_survivor_id",
                table: "contact_merges",
                columns: new[] { "workspace_id", "survivor_id" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_name_words_contact_id_workspace_id_word",
                table: "contact_name_words",
                columns: new[] { "contact_id", "workspace_id", "word" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_phones_contact_id",
                table: "contact_phones",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_contact_phones_workspace_id_number",
                table: "contact_phones",
                columns: new[] { "workspace_id", "number" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_social_profiles_contact_id_network",
                table: "contact_social_profiles",
                columns: new[] { "contact_id", "network" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_tags_workspace_id_name_contact_id",
                table: "contact_tags",
                columns: new[] { "workspace_id", "name", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_workspace_id_birth_date",
                table: "contacts",
                columns: new[] { "workspace_id", "birth_date" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_workspace_id_external_id",
                table: "contacts",
                columns: new[] { "workspace_id", "external_id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_workspace_id_paternal_surname",
                table: "contacts",
                columns: new[] { "workspace_id", "paternal_surname" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_workspace_id_search_name_id_status",
                table: "contacts",
                columns: new[] { "workspace_id", "search_name", "id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_custom_field_definitions_workspace_id_target_key",
                table: "custom_field_definitions",
                columns: new[] { "workspace_id", "target", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_detection_jobs_status_created_at",
                table: "detection_jobs",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_detection_jobs_workspace_id_created_at",
                table: "detection_jobs",
                columns: new[] { "workspace_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_candidates_workspace_id_contact_a_id_contact_b_id",
                table: "duplicate_candidates",
                columns: new[] { "workspace_id", "contact_a_id", "contact_b_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_candidates_workspace_id_contact_b_id",
                table: "duplicate_candidates",
                columns: new[] { "workspace_id", "contact_b_id" });

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_candidates_workspace_id_status_probability",
                table: "duplicate_candidates",
                columns: new[] { "workspace_id", "status", "probability" });

            migrationBuilder.CreateIndex(
                name: "ix_guardian_links_guardian_id",
                table: "guardian_links",
                column: "guardian_id");

            migrationBuilder.CreateIndex(
                name: "ix_guardian_links_minor_id",
                table: "guardian_links",
                column: "minor_id");

            migrationBuilder.CreateIndex(
                name: "ix_hygiene_findings_contact_id",
                table: "hygiene_findings",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_hygiene_findings_workspace_id_contact_id",
                table: "hygiene_findings",
                columns: new[] { "workspace_id", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_hygiene_findings_workspace_id_other_contact_id",
                table: "hygiene_findings",
                columns: new[] { "workspace_id", "other_contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_hygiene_findings_workspace_id_run_id_kind",
                table: "hygiene_findings",
                columns: new[] { "workspace_id", "run_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_identity_settingses_workspace_id",
                table: "identity_settingses",
                column: "workspace_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_import_jobs_status_created_at",
                table: "import_jobs",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_import_jobs_workspace_id_created_at",
                table: "import_jobs",
                columns: new[] { "workspace_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_import_mappings_workspace_id_name",
                table: "import_mappings",
                columns: new[] { "workspace_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_interactions_contact_id",
                table: "interactions",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_interactions_segment_events",
                table: "interactions",
                columns: new[] { "workspace_id", "type", "occurred_at", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_interactions_workspace_id_contact_id_occurred_at",
                table: "interactions",
                columns: new[] { "workspace_id", "contact_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_interactions_workspace_id_idempotency_key",
                table: "interactions",
                columns: new[] { "workspace_id", "idempotency_key" },
                unique: true,
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_interactions_workspace_id_type_occurred_at",
                table: "interactions",
                columns: new[] { "workspace_id", "type", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_normalization_rules_workspace_id_field_position",
                table: "normalization_rules",
                columns: new[] { "workspace_id", "field", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_order_lines_order_id",
                table: "order_lines",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_lines_product_id",
                table: "order_lines",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_lines_workspace_id_product_id",
                table: "order_lines",
                columns: new[] { "workspace_id", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_contact_id",
                table: "orders",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_organization_id",
                table: "orders",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_workspace_id_contact_id_ordered_at",
                table: "orders",
                columns: new[] { "workspace_id", "contact_id", "ordered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_workspace_id_external_id",
                table: "orders",
                columns: new[] { "workspace_id", "external_id" },
                unique: true,
                filter: "external_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_organization_memberships_contact_id",
                table: "organization_memberships",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_organization_memberships_organization_id_contact_id",
                table: "organization_memberships",
                columns: new[] { "organization_id", "contact_id" });

            migrationBuilder.CreateIndex(
                name: "ix_organizations_workspace_id_domain",
                table: "organizations",
                columns: new[] { "workspace_id", "domain" });

            migrationBuilder.CreateIndex(
                name: "ix_organizations_workspace_id_name",
                table: "organizations",
                columns: new[] { "workspace_id", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_postal_addresses_contact_id",
                table: "postal_addresses",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_postal_addresses_organization_id",
                table: "postal_addresses",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_postal_addresses_workspace_id_postal_code",
                table: "postal_addresses",
                columns: new[] { "workspace_id", "postal_code" });

            migrationBuilder.CreateIndex(
                name: "ix_products_workspace_id_category",
                table: "products",
                columns: new[] { "workspace_id", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_products_workspace_id_sku",
                table: "products",
                columns: new[] { "workspace_id", "sku" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_segment_memberships_contact_id",
                table: "segment_memberships",
                column: "contact_id");

            migrationBuilder.CreateIndex(
                name: "ix_segment_memberships_segment_id_contact_id",
                table: "segment_memberships",
                columns: new[] { "segment_id", "contact_id" },
                unique: true,
                filter: "exited_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_segment_revisions_segment_id_version",
                table: "segment_revisions",
                columns: new[] { "segment_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_segments_workspace_id_name",
                table: "segments",
                columns: new[] { "workspace_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_user_claims_user_id",
                table: "user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_logins_user_id",
                table: "user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_users_normalized_email",
                table: "users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_users_normalized_user_name",
                table: "users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workspace_memberships_user_id",
                table: "workspace_memberships",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_workspace_memberships_workspace_id_user_id",
                table: "workspace_memberships",
                columns: new[] { "workspace_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workspaces_slug",
                table: "workspaces",
                column: "slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "consent_records");

            migrationBuilder.DropTable(
                name: "contact_emails");

            migrationBuilder.DropTable(
                name: "contact_match_keys");

            migrationBuilder.DropTable(
                name: "contact_merges");

            migrationBuilder.DropTable(
                name: "contact_name_words");

            migrationBuilder.DropTable(
                name: "contact_phones");

            migrationBuilder.DropTable(
                name: "contact_social_profiles");

            migrationBuilder.DropTable(
                name: "contact_tags");

            migrationBuilder.DropTable(
                name: "custom_field_definitions");

            migrationBuilder.DropTable(
                name: "detection_jobs");

            migrationBuilder.DropTable(
                name: "duplicate_candidates");

            migrationBuilder.DropTable(
                name: "guardian_links");

            migrationBuilder.DropTable(
                name: "hygiene_findings");

            migrationBuilder.DropTable(
                name: "identity_settingses");

            migrationBuilder.DropTable(
                name: "import_jobs");

            migrationBuilder.DropTable(
                name: "import_mappings");

            migrationBuilder.DropTable(
                name: "interactions");

            migrationBuilder.DropTable(
                name: "normalization_rules");

            migrationBuilder.DropTable(
                name: "order_lines");

            migrationBuilder.DropTable(
                name: "organization_memberships");

            migrationBuilder.DropTable(
                name: "postal_addresses");

            migrationBuilder.DropTable(
                name: "rfm_thresholds");

            migrationBuilder.DropTable(
                name: "segment_memberships");

            migrationBuilder.DropTable(
                name: "segment_revisions");

            migrationBuilder.DropTable(
                name: "user_claims");

            migrationBuilder.DropTable(
                name: "user_logins");

            migrationBuilder.DropTable(
                name: "user_tokens");

            migrationBuilder.DropTable(
                name: "workspace_memberships");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "segments");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "contacts");

            migrationBuilder.DropTable(
                name: "organizations");

            migrationBuilder.DropTable(
                name: "workspaces");
        }
    }
}
