// Optional private networking (main.bicep's privateNetworking, off by default), as the azd Functions quickstart
// offers: a virtual network whose app subnet the function app joins (delegated to Microsoft.App/environments,
// as Flex Consumption requires), and private endpoints, with their private DNS zones, for the storage account's
// blob, table and queue services and for the Key Vault. Storage and the vault then turn public access off.

@description('Virtual network name.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Storage account reached only through its private endpoints.')
param storageAccountName string

@description('Key Vault reached only through its private endpoint.')
param keyVaultName string

var storageSuffix = environment().suffixes.storage
var endpoints = [
  { name: 'blob', group: 'blob', zone: 'privatelink.blob.${storageSuffix}', target: 'storage' }
  { name: 'table', group: 'table', zone: 'privatelink.table.${storageSuffix}', target: 'storage' }
  { name: 'queue', group: 'queue', zone: 'privatelink.queue.${storageSuffix}', target: 'storage' }
  { name: 'vault', group: 'vault', zone: 'privatelink.vaultcore.azure.net', target: 'vault' }
]

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
      ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: '10.0.1.0/24'
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: '10.0.2.0/24'
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }

  resource appSubnet 'subnets' existing = {
    name: 'app'
  }

  resource endpointSubnet 'subnets' existing = {
    name: 'private-endpoints'
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for e in endpoints: {
    name: e.zone
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (e, i) in endpoints: {
    parent: zones[i]
    name: '${name}-link'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [
  for e in endpoints: {
    name: 'pe-${e.name}-${name}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: vnet::endpointSubnet.id
      }
      privateLinkServiceConnections: [
        {
          name: 'pe-${e.name}'
          properties: {
            privateLinkServiceId: e.target == 'vault' ? vault.id : storageAccount.id
            groupIds: [
              e.group
            ]
          }
        }
      ]
    }
  }
]

resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [
  for (e, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: e.name
          properties: {
            privateDnsZoneId: zones[i].id
          }
        }
      ]
    }
  }
]

output appSubnetId string = vnet::appSubnet.id
