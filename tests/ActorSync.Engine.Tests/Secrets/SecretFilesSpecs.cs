using System.Collections;
using ActorSync.Host.Api;
using ActorSync.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace ActorSync.Engine.Tests.Secrets;

/// <summary>Secrets mounted as files (Docker/Kubernetes) reach the settings; a missing one stops the start with its path.</summary>
public sealed class SecretFilesSpecs : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actorsync-secrets-").FullName;
    private readonly string _noDefaultFolder = Path.Combine(Path.GetTempPath(), $"actorsync-no-secrets-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>appsettings.json without the password, then whatever the environment would add, then the files.</summary>
    private ConfigurationManager Configuration(IDictionary environment, params (string Key, string Value)[] environmentKeys)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ServiceLayer:BaseUrl"] = "https://sap.example.com:50000/", ["ServiceLayer:CompanyDb"] = "SBODEMO", ["ServiceLayer:UserName"] = "manager",
        });
        // What the environment-variable provider makes of ServiceLayer__Password_FILE: a key the binder knows nothing of.
        configuration.AddInMemoryCollection(environmentKeys.Select(k => new KeyValuePair<string, string?>(k.Key, k.Value)));
        SecretFiles.AddTo(configuration, environment, _noDefaultFolder);
        return configuration;
    }

    [Fact]
    public void A_password_named_by_a_FILE_variable_reaches_the_settings_without_its_trailing_newline()
    {
        var path = Write("sap-password", "Kx7#pQ2 vLm9\n");
        var environment = new Hashtable { ["ServiceLayer__Password_FILE"] = path };

        var settings = ServiceHost.LoadSettings(Configuration(environment, ("ServiceLayer:Password_FILE", path)));

        Assert.Equal("Kx7#pQ2 vLm9", settings.ServiceLayer.Password);
    }

    [Fact]
    public void A_password_in_the_secrets_folder_reaches_the_settings_and_kubernetes_entries_are_skipped()
    {
        Write("ServiceLayer__Password", "Rt4$wZ8-from-folder\r\n");
        Write("..data", "not a key");
        var environment = new Hashtable { [SecretFiles.FolderVariable] = _dir };

        var configuration = Configuration(environment);
        var settings = ServiceHost.LoadSettings(configuration);

        Assert.Equal("Rt4$wZ8-from-folder", settings.ServiceLayer.Password);
        Assert.Null(configuration["..data"]);
    }

    [Fact]
    public void An_explicit_environment_variable_wins_over_a_FILE_variable_which_wins_over_the_folder()
    {
        Write("ServiceLayer__Password", "from-folder");
        Write("ServiceLayer__UserName", "folder-user");
        Write("Ops__Token", "folder-ops-token-0123456789abcdef");
        var passwordFile = Write("password-file", "from-file\n");
        var prefix = $"ACTORSYNC_SPEC_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "ServiceLayer__Password", "from-environment");
        try
        {
            var configuration = new ConfigurationManager();
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ServiceLayer:UserName"] = "appsettings-user" });
            configuration.AddEnvironmentVariables(prefix); // stands for the host's environment source, which files go below
            SecretFiles.AddTo(configuration, new Hashtable { [SecretFiles.FolderVariable] = _dir, ["ServiceLayer__Password_FILE"] = passwordFile }, _noDefaultFolder);
            var withoutExplicit = new ConfigurationManager();
            SecretFiles.AddTo(withoutExplicit, new Hashtable { [SecretFiles.FolderVariable] = _dir, ["ServiceLayer__Password_FILE"] = passwordFile }, _noDefaultFolder);

            Assert.Equal("from-environment", configuration["ServiceLayer:Password"]);
            Assert.Equal("folder-user", configuration["ServiceLayer:UserName"]); // a file over appsettings.json
            Assert.Equal("folder-ops-token-0123456789abcdef", configuration["Ops:Token"]);
            Assert.Equal("from-file", withoutExplicit["ServiceLayer:Password"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "ServiceLayer__Password", null);
        }
    }

    [Fact]
    public void A_missing_file_stops_the_start_naming_the_variable_and_the_path()
    {
        var path = Path.Combine(_dir, "not-mounted", "sap-password");

        var error = Assert.Throws<SecretFileException>(() => Configuration(new Hashtable { ["ServiceLayer__Password_FILE"] = path }));

        Assert.Equal($"Cannot read the secret file {path} named by the environment variable ServiceLayer__Password_FILE: it does not exist.", error.Message);
        Assert.True(ServiceHost.IsConfigurationError(error));
    }

    [Fact]
    public void A_secrets_folder_that_does_not_exist_stops_the_start_naming_the_variable_and_the_path()
    {
        var missing = Path.Combine(_dir, "nowhere");

        var error = Assert.Throws<SecretFileException>(() => Configuration(new Hashtable { [SecretFiles.FolderVariable] = missing }));

        Assert.Contains(SecretFiles.FolderVariable, error.Message);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Other_software_s_FILE_variables_are_left_alone()
    {
        var configuration = Configuration(new Hashtable { ["GOOGLE_CREDENTIALS_FILE"] = "/does/not/exist", ["HISTFILE"] = "/root/.history" });

        Assert.Null(configuration["GOOGLE_CREDENTIALS"]);
    }
}
