// The API: a Flex Consumption (FC1, Linux) function app running .NET 10 isolated, with one user-assigned
// identity for host storage, the deployment package, the app's data and Application Insights.

@description('Flex Consumption plan name.')
param planName string

@description('Function app name (also the host name: <name>.azurewebsites.net).')
param name string

@description('Azure region.')
param location string

@description('Tags for the plan and the app; the app adds azd-service-name.')
param tags { *: string }

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string

@description('Memory of one instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Origins allowed to call the API from a browser; empty allows none.')
param corsAllowedOrigins string[]

@description('App settings, none of them secret (a secret is a Key Vault reference, resolved with the identity).')
param appSettings { *: string }

@description('Subnet the app joins (private networking); empty for none.')
param virtualNetworkSubnetId string

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in the settings are resolved with the user-assigned identity.
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Every setting the app reads; the identity's client id tells the host and the SDK which identity to use.
  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }

  // Deployments authenticate with Entra ID (azd, az functionapp deployment); no publishing passwords.
  resource ftpPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output identityClientId string = identityClientId
