using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RareEarthApi.Storage;
using Xunit;

namespace RareEarthApi.Tests.Infra;

/// <summary>
/// Reads the ARM JSON that scripts/bicep-build.sh compiles from infra/main.bicep (artifacts/infra/main.json) and
/// checks what must hold on Azure: keyless storage, identity-based host storage, the data roles, every app
/// setting the code reads (infra/app-settings.contract.json), and the table and container names the app uses.
/// </summary>
public sealed class BicepTemplateTests
{
    // Built-in role definition ids, the same in every tenant.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    private static readonly Regex PrefixedTableName = new(@"^\[format\('\{0\}(?<table>[a-z0-9]+)', parameters\('tablePrefix'\)\)\]$");
    private static readonly Regex LastParameter = new(@"parameters\('(?<name>\w+)'\)\)\]$");

    private static readonly Lazy<CompiledTemplate> Compiled = new(CompiledTemplate.Load);

    private static CompiledTemplate Template => Compiled.Value;

    [Fact]
    public void StorageAccount_SharedKeyAndPublicBlobAccess_AreOff()
    {
        var account = Template.Single("Microsoft.Storage/storageAccounts").Properties;

        Assert.False(account["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(account["allowBlobPublicAccess"]!.GetValue<bool>());
    }

    [Fact]
    public void StorageAccount_RequiresTls12AndHttpsOnly()
    {
        var account = Template.Single("Microsoft.Storage/storageAccounts").Properties;

        Assert.Equal("TLS1_2", account["minimumTlsVersion"]!.GetValue<string>());
        Assert.True(account["supportsHttpsTrafficOnly"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("listKeys(")]
    [InlineData("listAccountSas(")]
    [InlineData("listServiceSas(")]
    [InlineData("AccountKey=")]
    [InlineData("SharedAccess", "Signature=")] // in two halves, so that secret scanners do not take this test for a SAS
    public void Template_ContainsNoKeyOrKeyedConnectionString(string forbidden, string rest = "")
    {
        Assert.DoesNotContain(forbidden + rest, Template.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FunctionApp_HostStorage_UsesManagedIdentityNotAConnectionString()
    {
        var settings = Template.AppSettings();

        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("Storage__ConnectionString", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("outputs.clientId", settings["AzureWebJobsStorage__clientId"], StringComparison.Ordinal);
        Assert.Contains("outputs.blobServiceUri", settings["AzureWebJobsStorage__blobServiceUri"], StringComparison.Ordinal);
        Assert.Contains("outputs.tableServiceUri", settings["Storage__TableServiceUri"], StringComparison.Ordinal);
        Assert.Contains("outputs.clientId", settings["Storage__ClientId"], StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionApp_AppSettings_AreExactlyTheContract()
    {
        var contractPath = Path.Combine(Template.RepoRoot, "infra", "app-settings.contract.json");
        var contract = JsonSerializer.Deserialize<string[]>(File.ReadAllText(contractPath))!;
        var settings = Template.AppSettings();

        Assert.Empty(contract.Except(settings.Keys, StringComparer.Ordinal));
        Assert.Empty(settings.Keys.Except(contract, StringComparer.Ordinal));
    }

    [Fact]
    public void ApplicationInsights_AcceptsOnlyEntraAuthenticatedTelemetry()
    {
        var component = Template.Single("Microsoft.Insights/components").Properties;
        var settings = Template.AppSettings();

        Assert.True(component["DisableLocalAuth"]!.GetValue<bool>());
        Assert.NotNull(component["WorkspaceResourceId"]);
        Assert.Matches("^\\[format\\('ClientId=\\{0\\};Authorization=AAD'", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Theory]
    [InlineData(StorageBlobDataOwner)]
    [InlineData(StorageTableDataContributor)]
    [InlineData(MonitoringMetricsPublisher)]
    public void RoleAssignments_IncludeRole(string roleDefinitionId)
    {
        Assert.NotEmpty(Template.All("Microsoft.Authorization/roleAssignments"));
        Assert.Contains(roleDefinitionId, Template.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FunctionApp_RunsOnFlexConsumptionDotnetIsolated10_WithIdentityForItsPackage()
    {
        var plan = Template.Single("Microsoft.Web/serverfarms").Node;
        var app = Template.Single("Microsoft.Web/sites");
        var config = app.Properties["functionAppConfig"]!;

        Assert.Equal("FC1", plan["sku"]!["name"]!.GetValue<string>());
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>());
        Assert.Equal("functionapp,linux", app.Node["kind"]!.GetValue<string>());
        Assert.Equal("UserAssigned", app.Node["identity"]!["type"]!.GetValue<string>());
        Assert.True(app.Properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.GetValue<string>());
        Assert.Contains("'azd-service-name', 'api'", app.Node["tags"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_TablesAndContainers_MatchTheAppsConfiguration()
    {
        var defaults = new StorageOptions();
        var tables = Template.Single("Microsoft.Storage/storageAccounts/tableServices/tables");
        var tableNames = tables.Scope.Variable("tableNames").AsArray()
            .Select(n => PrefixedTableName.Match(n!.GetValue<string>()))
            .Select(m => m.Success ? m.Groups["table"].Value : "(not tablePrefix + name)")
            .ToList();
        var containers = Template.All("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Select(c => c.Scope.Resolve($"[parameters('{LastParameter.Match(c.Name).Groups["name"].Value}')]"))
            .ToList();
        var settings = Template.AppSettings();

        Assert.Equal([defaults.DatasetsTable, defaults.RowsTable, "refreshruns"], tableNames);
        Assert.Contains(defaults.RawContainer, containers);
        Assert.Contains("deploymentpackage", containers);
        Assert.Equal(defaults.RawContainer, Template.Root.Resolve(settings["Storage__RawContainer"]));
        Assert.Equal("[parameters('tablePrefix')]", settings["Storage__TablePrefix"]);
        Assert.Equal("[parameters('tablePrefix')]", tables.Scope.ParameterValue("tablePrefix"));
    }

    [Fact]
    public void Storage_LifecycleRule_AgesRawDownloads()
    {
        var policy = Template.Single("Microsoft.Storage/storageAccounts/managementPolicies");
        var definition = policy.Properties["policy"]!["rules"]!.AsArray().Single()!["definition"]!;
        var prefix = definition["filters"]!["prefixMatch"]!.AsArray().Single()!.GetValue<string>();

        Assert.Equal("[format('{0}/', parameters('rawContainerName'))]", prefix);
        Assert.Equal(new StorageOptions().RawContainer, policy.Scope.Resolve("[parameters('rawContainerName')]"));
        Assert.NotNull(definition["actions"]!["baseBlob"]!["delete"]);
    }

    [Fact]
    public void Alerts_RefreshFailedAndStale_NotifyTheConfiguredAddress()
    {
        var rules = Template.All("Microsoft.Insights/scheduledQueryRules").ToList();
        var actionGroup = Template.Single("Microsoft.Insights/actionGroups");

        Assert.Equal(2, rules.Count);
        Assert.All(rules, r => Assert.Contains("operation_Name has \"Refresh\"", r.Scope.Resolve(r.Properties["criteria"]!["allOf"]![0]!["query"]!.GetValue<string>()), StringComparison.Ordinal));
        Assert.Equal("[parameters('alertEmailAddress')]", actionGroup.Properties["emailReceivers"]![0]!["emailAddress"]!.GetValue<string>());
        Assert.Equal("[parameters('alertEmailAddress')]", actionGroup.Scope.ParameterValue("alertEmailAddress"));
    }

    [Fact]
    public void Outputs_IncludeApiBaseUrlFunctionAppAndStorageAccount()
    {
        var outputs = Template.Root.Template["outputs"]!.AsObject();

        Assert.StartsWith("[format('https://{0}/api'", outputs["API_BASE_URL"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("AZURE_FUNCTION_APP_NAME", outputs.Select(o => o.Key));
        Assert.Contains("AZURE_STORAGE_ACCOUNT_NAME", outputs.Select(o => o.Key));
    }

    /// <summary>
    /// Every @secure() parameter, at every level, reaches nothing but a Key Vault secret's value: not an app setting,
    /// not a module's plain parameter, not an output. Where it is handed on, it is to a secure parameter of a module.
    /// </summary>
    [Fact]
    public void SecureParameters_ReachOnlyKeyVaultSecrets_NeverPlainSettings()
    {
        var checkedAny = false;
        foreach (var scope in Template.Scopes)
        {
            foreach (var secure in scope.SecureParameters)
            {
                checkedAny = true;
                var reference = $"parameters('{secure}')";
                foreach (var (node, owner) in scope.ResourceNodes)
                {
                    if (owner == "Microsoft.KeyVault/vaults/secrets")
                    {
                        Assert.Equal($"[{reference}]", node["properties"]!["value"]!.GetValue<string>());
                        continue;
                    }

                    if (owner == "Microsoft.Resources/deployments")
                    {
                        var inner = node["properties"]!["template"]!["parameters"]!.AsObject();
                        foreach (var (name, value) in node["properties"]!["parameters"]!.AsObject())
                        {
                            var text = value!.ToJsonString();
                            if (text.Contains(reference, StringComparison.Ordinal))
                            {
                                // Handed to a secure parameter, or only tested for emptiness.
                                Assert.True(inner[name]!["type"]!.GetValue<string>() == "securestring" || text == $"{{\"value\":\"[not(empty({reference}))]\"}}",
                                    $"{secure} reaches the plain parameter '{name}' of {node["name"]}");
                            }
                        }

                        continue;
                    }

                    Assert.DoesNotContain(reference, node.ToJsonString(), StringComparison.Ordinal);
                }

                Assert.DoesNotContain(reference, scope.Template["outputs"]?.ToJsonString() ?? "", StringComparison.Ordinal);
                Assert.DoesNotContain(reference, scope.Template["variables"]?.ToJsonString() ?? "", StringComparison.Ordinal);
            }
        }

        Assert.True(checkedAny, "the template declares no secure parameter");
        Assert.DoesNotContain("parameters('comtradeSubscriptionKey')", string.Join(" ", Template.AppSettings().Values), StringComparison.Ordinal);
    }

    [Fact]
    public void ComtradeKey_IsAKeyVaultReference_ResolvedWithTheAppsIdentity()
    {
        var settings = Template.AppSettings();
        var vault = Template.Single("Microsoft.KeyVault/vaults");
        var output = vault.Scope.Template["outputs"]!["comtradeSubscriptionKeySetting"]!["value"]!.GetValue<string>();
        var app = Template.Single("Microsoft.Web/sites");

        Assert.Equal("[reference('keyVault').outputs.comtradeSubscriptionKeySetting.value]", settings["Refresh__Comtrade__SubscriptionKey"]);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", output, StringComparison.Ordinal);
        Assert.True(vault.Properties["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Equal("[parameters('identityId')]", app.Properties["keyVaultReferenceIdentity"]!.GetValue<string>());
        var secretsUser = Assert.Single(vault.Scope.ResourceNodes, r => r.Type == "Microsoft.Authorization/roleAssignments").Node;
        Assert.Contains("variables('keyVaultSecretsUser')", secretsUser["properties"]!["roleDefinitionId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(KeyVaultSecretsUser, vault.Scope.Variable("keyVaultSecretsUser").GetValue<string>());
        Assert.Equal("[parameters('appPrincipalId')]", secretsUser["properties"]!["principalId"]!.GetValue<string>());
        Assert.Contains("identity", vault.Scope.ParameterValue("appPrincipalId"), StringComparison.Ordinal);
    }

    [Fact]
    public void PrivateNetworking_IsAnOption_OffByDefault_WithPrivateEndpointsForStorageAndTheVault()
    {
        var parameter = Template.Root.Template["parameters"]!["privateNetworking"]!;
        var network = Template.All("Microsoft.Resources/deployments").Single(d => d.Name == "network");
        var endpoints = network.Scope.Template["resources"]!.ToJsonString();
        var storage = Template.Single("Microsoft.Storage/storageAccounts").Properties;

        Assert.False(parameter["defaultValue"]!.GetValue<bool>());
        Assert.Equal("[parameters('privateNetworking')]", network.Node["condition"]!.GetValue<string>());
        foreach (var group in new[] { "blob", "table", "queue", "vault" })
        {
            Assert.Contains($"'group':'{group}'", Template.All("Microsoft.Network/privateEndpoints").Single().Scope.Template["variables"]!.ToJsonString().Replace("\"", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.Contains("Microsoft.App/environments", endpoints, StringComparison.Ordinal);
        Assert.Equal("[if(parameters('privateOnly'), 'Disabled', 'Enabled')]", storage["publicNetworkAccess"]!.GetValue<string>());
        Assert.Equal("[parameters('privateNetworking')]", Template.Single("Microsoft.Storage/storageAccounts").Scope.ParameterValue("privateOnly"));
    }

    /// <summary>One resource of the compiled template, with the (nested) template it is declared in.</summary>
    private sealed record Resource(JsonObject Node, TemplateScope Scope)
    {
        public string Type => Node["type"]!.GetValue<string>();

        public string Name => Node["name"]!.GetValue<string>();

        public JsonNode Properties => Node["properties"] switch
        {
            JsonValue v when v.GetValue<string>().StartsWith('[') => Scope.ResolveNode(v.GetValue<string>()),
            JsonNode n => n,
            null => throw new InvalidOperationException($"{Type} {Name} has no properties."),
        };
    }

    /// <summary>
    /// A template and the module deployment that holds it, enough to resolve the simple expressions Bicep emits
    /// for names: <c>[variables('x')]</c> and, in a module, <c>[parameters('x')]</c> from the caller.
    /// </summary>
    private sealed record TemplateScope(JsonObject Template, JsonObject? Deployment, TemplateScope? Parent)
    {
        private static readonly Regex VariableReference = new(@"^\[variables\('(?<name>\w+)'\)\]$");
        private static readonly Regex ParameterReference = new(@"^\[parameters\('(?<name>\w+)'\)\]$");

        public JsonNode Variable(string name) =>
            Template["variables"]?[name] ?? throw new InvalidOperationException($"No variable '{name}'.");

        /// <summary>The value a module's caller passes for one of its parameters, unresolved.</summary>
        public string ParameterValue(string name) =>
            Deployment?["properties"]?["parameters"]?[name]?["value"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"No value passed for parameter '{name}'.");

        public string Resolve(string expression) => ResolveNode(expression).GetValue<string>();

        /// <summary>This template's @secure() parameters.</summary>
        public IEnumerable<string> SecureParameters =>
            (Template["parameters"]?.AsObject() ?? []).Where(p => p.Value!["type"]!.GetValue<string>() is "securestring" or "secureObject").Select(p => p.Key);

        /// <summary>The resources declared directly in this template (existing ones too), with their types.</summary>
        public IEnumerable<(JsonObject Node, string Type)> ResourceNodes => (Template["resources"] switch
        {
            JsonArray array => array.Select(n => n!.AsObject()),
            JsonObject symbolic => symbolic.Select(p => p.Value!.AsObject()),
            _ => [],
        }).Select(n => (n, n["type"]!.GetValue<string>()));

        public JsonNode ResolveNode(string expression)
        {
            if (VariableReference.Match(expression) is { Success: true } v)
            {
                var value = Variable(v.Groups["name"].Value);
                return value is JsonValue s && s.GetValue<string>().StartsWith('[') ? ResolveNode(s.GetValue<string>()) : value;
            }

            if (ParameterReference.Match(expression) is { Success: true } p && Deployment is not null && Parent is not null)
            {
                var value = Deployment["properties"]!["parameters"]![p.Groups["name"].Value]!["value"]!;
                return value is JsonValue s && s.GetValue<string>().StartsWith('[') ? Parent.ResolveNode(s.GetValue<string>()) : value;
            }

            return JsonValue.Create(expression);
        }
    }

    private sealed class CompiledTemplate
    {
        private readonly List<Resource> resources = [];

        private CompiledTemplate(string repoRoot, string text)
        {
            RepoRoot = repoRoot;
            Text = text;
            Root = new TemplateScope(JsonNode.Parse(text)!.AsObject(), null, null);
            Collect(Root);
        }

        public string RepoRoot { get; }

        public string Text { get; }

        public TemplateScope Root { get; }

        public static CompiledTemplate Load()
        {
            var root = FindRepoRoot();
            var path = Path.Combine(root, "artifacts", "infra", "main.json");
            Assert.True(File.Exists(path), $"{path} is missing: run scripts/bicep-build.sh first (it compiles and lints infra/main.bicep).");
            return new CompiledTemplate(root, File.ReadAllText(path));
        }

        public IEnumerable<Resource> All(string type) => resources.Where(r => r.Type == type);

        /// <summary>The root template and every module's template.</summary>
        public IEnumerable<TemplateScope> Scopes => resources.Select(r => r.Scope).Prepend(Root).Distinct();

        public Resource Single(string type) => Assert.Single(All(type));

        /// <summary>The function app's app settings: the object its sites/config 'appsettings' resource receives.</summary>
        public Dictionary<string, string> AppSettings()
        {
            var config = All("Microsoft.Web/sites/config").Single(r => r.Name.EndsWith("'appsettings')]", StringComparison.Ordinal));
            return config.Properties.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        }

        private void Collect(TemplateScope scope)
        {
            var nodes = scope.Template["resources"] switch
            {
                JsonArray array => array.Select(n => n!.AsObject()),
                JsonObject symbolic => symbolic.Select(p => p.Value!.AsObject()),
                _ => [],
            };
            foreach (var node in nodes)
            {
                if (node["existing"]?.GetValue<bool>() == true)
                {
                    continue;
                }

                resources.Add(new Resource(node, scope));
                if (node["type"]!.GetValue<string>() == "Microsoft.Resources/deployments" && node["properties"]?["template"] is JsonObject inner)
                {
                    Collect(new TemplateScope(inner, node, scope));
                }
            }
        }

        private static string FindRepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RareEarthApi.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No RareEarthApi.sln above {AppContext.BaseDirectory}.");
        }
    }
}
